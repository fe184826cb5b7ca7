package io.dtm.client.workflow;

/**
 * The body of a registered workflow. It runs on every execution of a gid, so it must take
 * the same steps in the same order each time: recorded steps then return their recorded
 * results without running again.
 *
 * @param <P> the payload type
 */
@FunctionalInterface
public interface WorkflowHandler<P> {

	/**
	 * Run the workflow.
	 * @param workflow the running workflow, to take steps with
	 * @param payload the payload the workflow was started with
	 * @return the result (bytes, text or an object written as JSON), may be {@code null}
	 * @throws io.dtm.client.DtmFailure to roll the workflow back
	 */
	Object run(Workflow workflow, P payload);

}
