package io.dtm.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.dtm.core.BranchOp;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;

/**
 * Workflow, as dtm drives it: the client runs the workflow and reports every step
 * ({@code registerBranch}) and the outcome ({@code submit}); the coordinator only resumes
 * a workflow that is still prepared once its timeout passed, by calling its
 * {@code query_prepared} URL with branch id {@code 00} and the workflow's name as
 * {@code op}. The payload is the workflow's input: the bytes as they are over HTTP, a
 * {@code workflow.WorkflowData} message over gRPC. Whatever the call answers, the status
 * changes only when the client submits; until then the call is repeated with the usual
 * back-off.
 */
public class WorkflowProcessor implements TransProcessor {

	/** Branch id of the call that resumes a workflow. */
	public static final String RESUME_BRANCH_ID = "00";

	private final ObjectMapper objectMapper;

	public WorkflowProcessor(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	@Override
	public TransType type() {
		return TransType.WORKFLOW;
	}

	@Override
	public void process(TransPass pass) {
		if (pass.status() != GlobalStatus.PREPARED) {
			return;
		}
		if (!pass.isTimedOut()) {
			pass.scheduleAt(pass.schedule().timeoutAt(pass.trans()));
			return;
		}
		WorkflowData workflow = WorkflowData.parse(this.objectMapper, pass.trans().customData());
		byte[] payload = GrpcTarget.isGrpc(pass.trans().queryPrepared(), pass.trans().protocol())
				? io.dtm.grpc.workflow.WorkflowData.newBuilder()
					.setData(ByteString.copyFrom(workflow.data()))
					.build()
					.toByteArray()
				: workflow.data();
		pass.call(pass.trans().queryPrepared(), RESUME_BRANCH_ID, BranchOp.WORKFLOW, workflow.name(), payload);
	}

}
