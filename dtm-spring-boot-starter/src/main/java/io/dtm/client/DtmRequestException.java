package io.dtm.client;

/**
 * A call was malformed: the coordinator answered 400 (or another 4xx that is neither 409
 * nor 425), a branch URL or gid was unusable, or a builder was used in a way the protocol
 * does not allow. Carries the gid and the reason. Not retryable: fix the calling code or
 * configuration.
 */
public final class DtmRequestException extends DtmException {

	public DtmRequestException(String gid, String message) {
		super(message, gid, null);
	}

	@Override
	public boolean isRetryable() {
		return false;
	}

}
