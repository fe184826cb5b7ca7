package io.dtm.client;

import io.dtm.core.DtmResult;

/**
 * DTM's {@code ONGOING}: the work is not finished yet; ask again later at the same pace.
 * <p>
 * Thrown by participant code, the starter's web support answers it with HTTP 425 and
 * {@code {"dtm_result":"ONGOING"}}; the coordinator then calls the branch again after the
 * transaction's retry interval, without back-off. Thrown by {@link DtmOperations} when
 * the coordinator answered 425 (for example a {@code wait_result} submit that is still
 * running). Retryable.
 */
public final class DtmOngoing extends DtmException {

	private DtmOngoing(String message, String gid) {
		super(message, gid, null);
	}

	/**
	 * An ongoing answer without detail.
	 * @return the exception
	 */
	public static DtmOngoing ongoing() {
		return new DtmOngoing("ONGOING", null);
	}

	/**
	 * An ongoing answer with a reason.
	 * @param reason what is still running
	 * @return the exception
	 */
	public static DtmOngoing of(String reason) {
		return new DtmOngoing(reason, null);
	}

	/**
	 * An ongoing answer for one global transaction.
	 * @param reason what is still running
	 * @param gid the gid
	 * @return the exception
	 */
	public static DtmOngoing of(String reason, String gid) {
		return new DtmOngoing(reason, gid);
	}

	/**
	 * The protocol result this exception stands for.
	 * @return {@link DtmResult#ONGOING}
	 */
	public DtmResult result() {
		return DtmResult.ONGOING;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
