package io.dtm.client.workflow;

import java.util.Map;

/**
 * The coordinator's answer to {@code prepareWorkflow}: the workflow's status and the
 * steps recorded so far, keyed {@code <branch_id>-<op>}.
 */
record WorkflowProgress(String status, String rollbackReason, String result, Map<String, StepResult> steps) {

	boolean isSucceeded() {
		return StepResult.SUCCEED.equals(this.status);
	}

	boolean isFailed() {
		return StepResult.FAILED.equals(this.status);
	}

}
