package io.dtm.server.store;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

import io.dtm.core.BranchOp;

/**
 * Per branch operation of a transaction, the calls that did not succeed: how many, and
 * the outcome, code, message and time of the last one. dtm keeps nothing of the kind; the
 * records live next to dtm's tables or keys, never in them. Successful calls write
 * nothing.
 */
public interface BranchCallLog {

	/** Keeps nothing. */
	BranchCallLog NONE = new BranchCallLog() {

		@Override
		public void recordFailedCall(String gid, String branchId, BranchOp op, BranchCallFailure failure,
				LocalDateTime now) {
		}

		@Override
		public List<BranchCallRecord> find(String gid) {
			return List.of();
		}

		@Override
		public int deleteFor(Collection<String> gids) {
			return 0;
		}

	};

	/**
	 * Count one more unsuccessful call of a branch operation and make it the last one, in
	 * one atomic write: concurrent recordings from any number of coordinator instances
	 * are all counted.
	 * @param gid the transaction
	 * @param branchId the branch id
	 * @param op the operation
	 * @param failure the call
	 * @param now when it happened
	 */
	void recordFailedCall(String gid, String branchId, BranchOp op, BranchCallFailure failure, LocalDateTime now);

	/**
	 * The records of one transaction.
	 * @param gid the transaction
	 * @return its records ordered by branch id, then op; empty when none
	 */
	List<BranchCallRecord> find(String gid);

	/**
	 * Delete the records of transactions (for a retention job).
	 * @param gids the transactions
	 * @return how many records were deleted
	 */
	int deleteFor(Collection<String> gids);

}
