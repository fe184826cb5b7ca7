package io.dtm.client;

/**
 * The coordinator answered HTTP 409 ({@code FAILURE}) to a coordinator call: for example
 * a {@code wait_result} submit whose transaction did not succeed, a {@code prepare} of a
 * gid that is already in another status, or a branch registration for a transaction that
 * is no longer prepared. Carries the gid, the endpoint and the coordinator's message. Not
 * retryable: the same call will be refused again. A participant controller that lets it
 * escape answers 409 like {@link DtmFailure}.
 */
public final class DtmRejectedException extends DtmException {

	private final String endpoint;

	DtmRejectedException(String endpoint, String gid, String message) {
		super("dtm coordinator refused " + endpoint + " of gid '" + gid + "': " + message, gid, null);
		this.endpoint = endpoint;
	}

	/**
	 * The coordinator endpoint that refused, such as {@code submit}.
	 * @return the endpoint name
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	@Override
	public boolean isRetryable() {
		return false;
	}

}
