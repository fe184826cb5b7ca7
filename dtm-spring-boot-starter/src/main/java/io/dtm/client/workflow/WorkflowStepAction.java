package io.dtm.client.workflow;

import io.dtm.client.barrier.BranchBarrier;

/**
 * A local step of a workflow, whose result is recorded.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface WorkflowStepAction<T> {

	/**
	 * Run the step.
	 * @param barrier the step's gid, branch id and op, for the sub-transaction barrier
	 * @return the result, recorded as bytes
	 * @throws Exception {@link io.dtm.client.DtmFailure} is recorded as the step's
	 * failure; anything else is not recorded and stops the workflow until it is resumed
	 */
	T run(BranchBarrier barrier) throws Exception;

}
