package io.dtm.client;

/**
 * The coordinator received a call but gave no usable answer: it answered an HTTP error
 * that is not a protocol result (5xx, for example {@code branch error: …} to a
 * {@code waitResult()} submit whose branch failed, or a store outage), an answer that
 * cannot be read, or no answer within {@code dtm.client.read-timeout}. Never sent again
 * by the starter: the coordinator may have stored the transaction and keeps driving it
 * with its own retries, so use {@link DtmOperations#query(String)} to learn the outcome.
 * Carries the endpoint, the gid and the HTTP status (0 when there was no answer). Not
 * retryable as such.
 */
public final class DtmCoordinatorErrorException extends DtmException {

	private final String endpoint;

	private final int httpStatus;

	DtmCoordinatorErrorException(String message, String endpoint, String gid, int httpStatus, Throwable cause) {
		super(message, gid, cause);
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
	 * The HTTP status of the answer.
	 * @return the status, or 0 when the coordinator did not answer in time
	 */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	@Override
	public boolean isRetryable() {
		return false;
	}

}
