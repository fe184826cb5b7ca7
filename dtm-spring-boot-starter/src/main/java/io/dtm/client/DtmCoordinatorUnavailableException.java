package io.dtm.client;

/**
 * The coordinator could not be reached or failed on its side (connection refused, time
 * out, HTTP 5xx) even after the configured retries with back-off
 * ({@code dtm.client.retry.*}). Carries the endpoint, the gid and the last HTTP status (0
 * when there was no answer). Retryable: the outcome of the call is unknown, and repeating
 * it is safe because every coordinator call is idempotent per gid.
 */
public final class DtmCoordinatorUnavailableException extends DtmException {

	private final String endpoint;

	private final int httpStatus;

	DtmCoordinatorUnavailableException(String endpoint, String gid, int httpStatus, String detail, Throwable cause) {
		super("dtm coordinator call " + endpoint + ((gid != null) ? " of gid '" + gid + "'" : "") + " failed"
				+ ((httpStatus > 0) ? " with HTTP " + httpStatus : "") + ": " + detail, gid, cause);
		this.endpoint = endpoint;
		this.httpStatus = httpStatus;
	}

	/**
	 * The coordinator endpoint, such as {@code submit}.
	 * @return the endpoint name
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * The last HTTP status.
	 * @return the status, or 0 when the coordinator did not answer
	 */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
