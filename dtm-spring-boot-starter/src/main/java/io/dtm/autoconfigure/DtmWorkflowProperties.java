package io.dtm.autoconfigure;

import io.dtm.client.workflow.WorkflowResumeController;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of dtm's workflow mode ({@code dtm.client.workflow.*}).
 */
@ConfigurationProperties("dtm.client.workflow")
public class DtmWorkflowProperties {

	/**
	 * Full URL the coordinator calls to resume an unfinished workflow (sent as
	 * query_prepared), for example http://order-service:8080/dtm/workflow/resume. Without
	 * it an interrupted workflow only continues when it is executed again.
	 */
	private String callbackUrl;

	/**
	 * Path of the resume endpoint the starter serves in a servlet application.
	 */
	private String callbackPath = WorkflowResumeController.DEFAULT_PATH;

	public String getCallbackUrl() {
		return this.callbackUrl;
	}

	public void setCallbackUrl(String callbackUrl) {
		this.callbackUrl = callbackUrl;
	}

	public String getCallbackPath() {
		return this.callbackPath;
	}

	public void setCallbackPath(String callbackPath) {
		this.callbackPath = callbackPath;
	}

}
