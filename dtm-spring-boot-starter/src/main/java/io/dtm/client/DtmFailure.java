package io.dtm.client;

import io.dtm.core.DtmResult;

/**
 * A business refusal, DTM's {@code FAILURE}: the branch cannot be done and must not be
 * retried (for example "insufficient balance" in a saga action or a TCC try).
 * <p>
 * Thrown by participant code, the starter's web support answers it with HTTP 409 and
 * {@code {"dtm_result":"FAILURE","message":…}}, which makes the coordinator roll a saga
 * back. Thrown by {@link DtmOperations} when the global transaction failed: a TCC try or
 * an XA branch answered 409 or a body containing {@code FAILURE} (the transaction has
 * then been aborted), or a {@code waitResult()} submit whose transaction ran and was
 * rolled back ({@code saga <gid> failed: <rollback reason>}). Not retryable.
 */
public final class DtmFailure extends DtmException {

	private DtmFailure(String message, String gid, Throwable cause) {
		super(message, gid, cause);
	}

	/**
	 * A refusal with a reason.
	 * @param reason why the branch is refused; sent to the coordinator as the message
	 * @return the exception
	 */
	public static DtmFailure of(String reason) {
		return new DtmFailure(reason, null, null);
	}

	/**
	 * A refusal of one global transaction.
	 * @param reason why
	 * @param gid the gid
	 * @return the exception
	 */
	public static DtmFailure of(String reason, String gid) {
		return new DtmFailure(reason, gid, null);
	}

	/**
	 * A refusal caused by another exception (kept as the cause).
	 * @param reason why
	 * @param cause the cause
	 * @return the exception
	 */
	public static DtmFailure of(String reason, Throwable cause) {
		return new DtmFailure(reason, null, cause);
	}

	/**
	 * A global transaction that the coordinator ran and that ended failed.
	 * @param transType the mode, such as {@code saga}
	 * @param gid the gid
	 * @param reason the coordinator's rollback reason
	 * @return the exception
	 */
	static DtmFailure transactionFailed(String transType, String gid, String reason) {
		return new DtmFailure(transType + " " + gid + " failed: " + reason, gid, null);
	}

	/**
	 * The protocol result this exception stands for.
	 * @return {@link DtmResult#FAILURE}
	 */
	public DtmResult result() {
		return DtmResult.FAILURE;
	}

	@Override
	public boolean isRetryable() {
		return false;
	}

}
