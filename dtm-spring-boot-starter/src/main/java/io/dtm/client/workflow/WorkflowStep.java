package io.dtm.client.workflow;

/**
 * One step a workflow runs, as {@link WorkflowInterceptor}s see it.
 *
 * @param workflow the workflow name
 * @param gid the gid
 * @param branchId the branch id ({@code 01}, {@code 02}, ...)
 * @param op {@code action}, {@code commit} or {@code rollback}
 * @param name the step's name: the one given to {@code local}, the URL of a call,
 * {@code xa} for an XA step, or {@code null}
 */
public record WorkflowStep(String workflow, String gid, String branchId, String op, String name) {

}
