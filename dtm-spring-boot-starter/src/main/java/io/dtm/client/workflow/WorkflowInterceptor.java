package io.dtm.client.workflow;

/**
 * Runs around every step a workflow executes (actions, commits and rollbacks), for
 * logging, metrics or tracing. Steps returned from the recorded progress of a resumed
 * workflow do not run, so they are not intercepted.
 */
@FunctionalInterface
public interface WorkflowInterceptor {

	/**
	 * Run a step.
	 * @param step the step
	 * @param proceed runs the step (or the next interceptor)
	 * @return the step's result as recorded
	 * @throws Exception what the step threw
	 */
	byte[] around(WorkflowStep step, Proceed proceed) throws Exception;

	/**
	 * The rest of the chain.
	 */
	@FunctionalInterface
	interface Proceed {

		/**
		 * Run the step.
		 * @return its result
		 * @throws Exception what it threw
		 */
		byte[] proceed() throws Exception;

	}

}
