package io.dtm.client.workflow;

import io.dtm.client.barrier.BranchBarrier;

/**
 * A branch's commit or rollback, run after the workflow body finished. It must succeed
 * eventually: it is retried (on resume) until it does, and must not throw
 * {@link io.dtm.client.DtmFailure}.
 */
@FunctionalInterface
public interface WorkflowPhase2Action {

	/**
	 * Run the commit or rollback.
	 * @param barrier the branch's gid, branch id and op ({@code commit} or
	 * {@code rollback}), for the sub-transaction barrier
	 * @throws Exception when it did not succeed (not recorded; the workflow is resumed
	 * later)
	 */
	void run(BranchBarrier barrier) throws Exception;

}
