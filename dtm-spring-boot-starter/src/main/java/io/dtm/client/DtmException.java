package io.dtm.client;

/**
 * Root of the starter's exceptions. Every subclass says what it carries, whether retrying
 * the same call can help ({@link #isRetryable()}), and how a participant controller
 * answers it. Unchecked; never extend it outside this package.
 *
 * @see DtmFailure
 * @see DtmOngoing
 * @see DtmRejectedException
 * @see DtmCoordinatorUnavailableException
 * @see DtmCoordinatorErrorException
 * @see DtmBranchException
 * @see DtmRequestException
 */
public abstract class DtmException extends RuntimeException {

	private final String gid;

	DtmException(String message, String gid, Throwable cause) {
		super(message, cause);
		this.gid = gid;
	}

	/**
	 * The global transaction id the error belongs to.
	 * @return the gid, or {@code null} when the error is not tied to one
	 */
	public String getGid() {
		return this.gid;
	}

	/**
	 * Whether repeating the same call later can succeed.
	 * @return {@code true} for transient conditions
	 */
	public abstract boolean isRetryable();

}
