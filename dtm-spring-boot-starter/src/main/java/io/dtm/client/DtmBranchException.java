package io.dtm.client;

/**
 * A branch call made by the initiator itself (a TCC try or an XA action) ended without a
 * usable answer: HTTP 5xx, another unexpected status, or a transport error. The global
 * transaction has been aborted before this exception reaches the caller, so the
 * coordinator cancels or rolls back the branches that did run. Carries the gid, the
 * branch id, the URL and the HTTP status (0 when there was no answer). Retryable in the
 * sense that a new global transaction may succeed; this one is over.
 */
public final class DtmBranchException extends DtmException {

	private final String branchId;

	private final String url;

	private final int httpStatus;

	DtmBranchException(String gid, String branchId, String url, int httpStatus, String detail, Throwable cause) {
		super("branch " + branchId + " of gid '" + gid + "' at " + url + " failed"
				+ ((httpStatus > 0) ? " with HTTP " + httpStatus : "") + ": " + detail, gid, cause);
		this.branchId = branchId;
		this.url = url;
		this.httpStatus = httpStatus;
	}

	/**
	 * The branch id.
	 * @return the branch id
	 */
	public String getBranchId() {
		return this.branchId;
	}

	/**
	 * The branch URL.
	 * @return the URL
	 */
	public String getUrl() {
		return this.url;
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status, or 0 when there was none
	 */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
