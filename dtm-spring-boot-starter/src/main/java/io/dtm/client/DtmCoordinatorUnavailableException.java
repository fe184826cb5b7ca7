package io.dtm.client;

/**
 * A coordinator call never reached the coordinator: connection refused, unknown host, no
 * route, connect time-out, or the connection was reset before any answer; or the
 * coordinator could not be located (no URL, no instance in service discovery). Thrown
 * after the configured retries with back-off ({@code dtm.client.retry.*}), which are safe
 * because the coordinator never saw the request. Carries the endpoint, the gid, the URL
 * that was tried and the reason in words. Retryable.
 */
public final class DtmCoordinatorUnavailableException extends DtmException {

	private final String endpoint;

	private final String url;

	private final String reason;

	DtmCoordinatorUnavailableException(String endpoint, String gid, String url, String reason, Throwable cause) {
		super("dtm coordinator unavailable: " + endpoint + ((gid != null) ? " of gid '" + gid + "'" : "")
				+ ((url != null) ? " did not reach " + url : " was not sent") + ": " + reason, gid, cause);
		this.endpoint = endpoint;
		this.url = url;
		this.reason = reason;
	}

	/**
	 * The coordinator endpoint, such as {@code submit}, or {@code locate} when the
	 * coordinator could not be located.
	 * @return the endpoint name
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * The URL that was tried.
	 * @return the URL, or {@code null} when none could be determined
	 */
	public String getUrl() {
		return this.url;
	}

	/**
	 * Why the request did not reach the coordinator, in words, such as
	 * {@code connection refused}.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
