package io.dtm.core;

/**
 * How the coordinator reads a participant's reply to a branch call. The precedence is the
 * protocol's: 425 or a body containing {@code ONGOING} first, then 409 or a body
 * containing {@code FAILURE}, then any other non-200 status as an unknown error, and only
 * then 200 as success. Transport errors and time-outs are unknown errors too.
 */
public enum BranchOutcome {

	/** The branch is done. */
	SUCCESS,
	/**
	 * The participant refused; only a saga action rolls back on it, every other op
	 * retries.
	 */
	FAILURE,
	/** Not finished; retried at the same interval, without back-off. */
	ONGOING,
	/** Unknown outcome (5xx, other status, transport error): retried with back-off. */
	ERROR;

	/**
	 * Classify an HTTP reply.
	 * @param httpStatus the status code
	 * @param body the body text, may be {@code null}
	 * @return the outcome
	 */
	public static BranchOutcome fromHttp(int httpStatus, String body) {
		String text = (body != null) ? body : "";
		if (httpStatus == 425 || text.contains(DtmResult.ONGOING.wireValue())) {
			return ONGOING;
		}
		if (httpStatus == 409 || text.contains(DtmResult.FAILURE.wireValue())) {
			return FAILURE;
		}
		return (httpStatus == 200) ? SUCCESS : ERROR;
	}

}
