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
	 * gRPC address of this application, such as order-service:9090, that the coordinator
	 * calls to resume an unfinished workflow (workflow.Workflow/Execute, served by the
	 * application's gRPC server) when dtm.client.transport is 'grpc'; takes precedence
	 * over callback-url then, and is not used over HTTP.
	 */
	private String grpcCallbackTarget;

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

	public String getGrpcCallbackTarget() {
		return this.grpcCallbackTarget;
	}

	public void setGrpcCallbackTarget(String grpcCallbackTarget) {
		this.grpcCallbackTarget = grpcCallbackTarget;
	}

	public String getCallbackPath() {
		return this.callbackPath;
	}

	public void setCallbackPath(String callbackPath) {
		this.callbackPath = callbackPath;
	}

}
