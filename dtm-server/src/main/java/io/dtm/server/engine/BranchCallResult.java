package io.dtm.server.engine;

import io.dtm.core.BranchOutcome;

/**
 * The outcome of one branch call and a short description for logs and rollback reasons.
 *
 * @param outcome the classified outcome
 * @param detail HTTP status and body excerpt, or the transport error
 */
public record BranchCallResult(BranchOutcome outcome, String detail) {

	static BranchCallResult success() {
		return new BranchCallResult(BranchOutcome.SUCCESS, "");
	}

	static BranchCallResult error(String detail) {
		return new BranchCallResult(BranchOutcome.ERROR, detail);
	}

}
