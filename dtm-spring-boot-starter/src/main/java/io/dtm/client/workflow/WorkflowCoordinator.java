package io.dtm.client.workflow;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.DtmFailure;

/**
 * Where a workflow's three coordinator calls go: {@code prepareWorkflow} (create the
 * workflow, or find its recorded steps), {@code registerBranch} (record a step) and
 * {@code submit} (record the outcome). Implemented in this package only: over dtm's HTTP
 * API (the default of {@link DtmWorkflows}) or over its gRPC API
 * ({@link GrpcWorkflowCoordinator}).
 */
public abstract class WorkflowCoordinator {

	static final String TRANS_TYPE = "workflow";

	private static final ObjectMapper JSON = new ObjectMapper();

	WorkflowCoordinator() {
	}

	/**
	 * The protocol the coordinator stores with the workflow and resumes it by.
	 * @return {@code http} or {@code grpc}
	 */
	abstract String protocol();

	/**
	 * The coordinator's address as branch calls pass it on ({@code dtm-dtm}).
	 * @return the address, empty when unknown
	 */
	abstract String address();

	/**
	 * Create the workflow, or find it and its recorded steps.
	 * @param gid the gid
	 * @param name the workflow's name
	 * @param data the payload
	 * @param callbackUrl where the coordinator resumes it ({@code query_prepared}), may
	 * be {@code null}
	 * @return the workflow's status and recorded steps
	 */
	abstract WorkflowProgress prepare(String gid, String name, byte[] data, String callbackUrl);

	/**
	 * Record a step's outcome.
	 * @param gid the gid
	 * @param branchId the branch id
	 * @param op the phase: {@code action}, {@code commit} or {@code rollback}
	 * @param result the outcome, succeeded or failed
	 */
	abstract void registerBranch(String gid, String branchId, String op, StepResult result);

	/**
	 * Finish the workflow.
	 * @param gid the gid
	 * @param result the workflow's result, {@code null} for none
	 * @param failure the failure it ended with, {@code null} for success
	 */
	abstract void submit(String gid, byte[] result, DtmFailure failure);

	/**
	 * The workflow's {@code custom_data}, as dtm's SDK writes it: {@code {"name": <name>,
	 * "data": <base64 of the payload>}}.
	 */
	static String customData(String name, byte[] data) {
		Map<String, Object> custom = new LinkedHashMap<>();
		custom.put("name", name);
		custom.put("data", Base64.getEncoder().encodeToString(data));
		try {
			return JSON.writeValueAsString(custom);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The {@code req_extra} of {@code submit}: {@code status}, {@code rollback_reason}
	 * and {@code result} (base64).
	 */
	static Map<String, String> submitExtra(byte[] result, DtmFailure failure) {
		Map<String, String> extra = new LinkedHashMap<>();
		extra.put("status", (failure != null) ? StepResult.FAILED : StepResult.SUCCEED);
		extra.put("rollback_reason", (failure != null) ? String.valueOf(failure.getMessage()) : "");
		extra.put("result", Base64.getEncoder().encodeToString((result != null) ? result : new byte[0]));
		return extra;
	}

}
