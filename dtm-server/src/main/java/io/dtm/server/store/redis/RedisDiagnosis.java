package io.dtm.server.store.redis;

/**
 * A classified Redis connection or configuration error, reported as D1002.
 *
 * @param problem the classified cause
 * @param endpoint the configured endpoint, without credentials
 * @param detail the server's or client's own message
 */
public record RedisDiagnosis(RedisProblem problem, String endpoint, String detail) {

	/** The diagnostic code of Redis configuration errors. */
	public static final String CODE = "D1002";

	/**
	 * One-line summary: code, cause, endpoint and detail.
	 * @return the summary
	 */
	public String summary() {
		return CODE + " Redis configuration error: " + this.problem.cause() + " (" + this.endpoint + "): "
				+ this.detail;
	}

	/**
	 * The action that fixes it.
	 * @return the action
	 */
	public String action() {
		return this.problem.action(this.endpoint);
	}

	/**
	 * Summary followed by the action, for log lines and exception messages.
	 * @return the message
	 */
	public String message() {
		return summary() + ". Action: " + action();
	}

}
