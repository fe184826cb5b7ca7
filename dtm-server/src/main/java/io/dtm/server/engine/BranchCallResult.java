package io.dtm.server.engine;

import io.dtm.core.BranchOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of one branch call and a short description for logs and rollback reasons.
 *
 * @param outcome the classified outcome
 * @param detail HTTP status and body excerpt, or the transport error
 */
public record BranchCallResult(BranchOutcome outcome, String detail) {

	private static final Logger logger = LoggerFactory.getLogger(BranchCallResult.class);

	/** The longest answer text kept in a detail. */
	private static final int DETAIL_LIMIT = 200;

	static BranchCallResult success() {
		return new BranchCallResult(BranchOutcome.SUCCESS, "");
	}

	static BranchCallResult error(String detail) {
		return new BranchCallResult(BranchOutcome.ERROR, detail);
	}

	/**
	 * A call that got no usable answer: logged with the call, retried later.
	 * @param request the call
	 * @param detail why
	 * @return the error result
	 */
	static BranchCallResult retried(BranchRequest request, String detail) {
		logger.warn("branch call failed, will be retried: gid={} branch_id={} op={} url={}: {}", request.gid(),
				request.branchId(), request.op(), request.url(), detail);
		return error(detail);
	}

	/**
	 * The start of a participant's answer, for a detail.
	 * @param text the answer, may be {@code null}
	 * @return at most 200 characters, marked when cut
	 */
	static String excerpt(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= DETAIL_LIMIT) ? text : text.substring(0, DETAIL_LIMIT) + "...";
	}

}
