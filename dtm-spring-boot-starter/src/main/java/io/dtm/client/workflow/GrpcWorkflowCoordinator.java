package io.dtm.client.workflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;
import io.dtm.client.CoordinatorReply;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.grpc.DtmGrpcStatuses;
import io.dtm.client.grpc.GrpcCoordinatorTransport;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmProgress;
import io.dtm.grpc.DtmProgressesReply;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransOptions;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;

import org.springframework.util.Assert;

/**
 * The three coordinator calls of the workflow mode over dtm's gRPC API
 * ({@code dtmgimp.Dtm}), filled as dtm's Go SDK fills them: {@code PrepareWorkflow} and
 * {@code Submit} take a {@code DtmRequest} (trans type {@code workflow},
 * {@code CustomedData} {@code {"name","data"}}, the callback in {@code QueryPrepared},
 * the outcome in {@code ReqExtra}); {@code RegisterBranch} takes the step's {@code op}
 * and {@code status} in {@code Data} and its bytes in {@code BusiPayload}, so results are
 * recorded byte for byte. The coordinator stores the protocol {@code grpc} with the
 * workflow. Failed calls are read by {@link DtmGrpcStatuses#toReply}: {@code ABORTED} is
 * a {@link DtmFailure}, {@code FAILED_PRECONDITION} a {@link DtmOngoing}, anything else a
 * {@link WorkflowCoordinatorException}.
 */
public final class GrpcWorkflowCoordinator extends WorkflowCoordinator {

	private final Channel channel;

	private final String target;

	private final Duration timeout;

	/**
	 * A coordinator over a channel.
	 * @param channel the channel to the coordinator's gRPC API (not closed here)
	 * @param timeout the deadline of each call
	 */
	public GrpcWorkflowCoordinator(Channel channel, Duration timeout) {
		Assert.notNull(channel, "'channel' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.channel = channel;
		this.target = channel.authority();
		this.timeout = timeout;
	}

	/**
	 * A coordinator over the channel and deadline of the starter's gRPC transport.
	 * @param transport the transport ({@code dtm.client.transport=grpc})
	 * @return the coordinator
	 */
	public static GrpcWorkflowCoordinator of(GrpcCoordinatorTransport transport) {
		Assert.notNull(transport, "'transport' must not be null");
		return new GrpcWorkflowCoordinator(transport.getChannel(), transport.getTimeout());
	}

	@Override
	String protocol() {
		return "grpc";
	}

	@Override
	String address() {
		return this.target;
	}

	@Override
	WorkflowProgress prepare(String gid, String name, byte[] data, String callbackUrl) {
		DtmRequest request = request(gid).setCustomedData(customData(name, data))
			.setQueryPrepared((callbackUrl != null) ? callbackUrl : "")
			.build();
		DtmProgressesReply reply = call("PrepareWorkflow", gid, () -> stub().prepareWorkflow(request));
		Map<String, StepResult> steps = new LinkedHashMap<>();
		for (DtmProgress progress : reply.getProgressesList()) {
			steps.put(progress.getBranchID() + "-" + progress.getOp(),
					StepResult.recorded(progress.getStatus(), progress.getBinData().toByteArray()));
		}
		return new WorkflowProgress(reply.getTransaction().getStatus(), reply.getTransaction().getRollbackReason(),
				reply.getTransaction().getResult(), steps);
	}

	@Override
	void registerBranch(String gid, String branchId, String op, StepResult result) {
		DtmBranchRequest request = DtmBranchRequest.newBuilder()
			.setGid(gid)
			.setTransType(TRANS_TYPE)
			.setBranchID(branchId)
			.putData("status", result.status())
			.putData("op", op)
			.setBusiPayload(ByteString.copyFrom((result.data() != null) ? result.data() : new byte[0]))
			.build();
		call("RegisterBranch", gid, () -> stub().registerBranch(request));
	}

	@Override
	void submit(String gid, byte[] result, DtmFailure failure) {
		DtmRequest request = request(gid).putAllReqExtra(submitExtra(result, failure)).build();
		call("Submit", gid, () -> stub().submit(request));
	}

	private static DtmRequest.Builder request(String gid) {
		return DtmRequest.newBuilder()
			.setGid(gid)
			.setTransType(TRANS_TYPE)
			.setTransOptions(DtmTransOptions.getDefaultInstance());
	}

	private DtmGrpc.DtmBlockingStub stub() {
		return DtmGrpc.newBlockingStub(this.channel).withDeadlineAfter(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private <T> T call(String method, String gid, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (StatusRuntimeException ex) {
			CoordinatorReply reply = DtmGrpcStatuses.toReply(this.target, ex);
			String words = (reply.status().isEmpty()) ? "no answer" : reply.status();
			switch (reply.kind()) {
				case FAILURE -> throw DtmFailure
					.of("dtm coordinator refused " + method + " of workflow " + gid + ": " + reply.message(), gid);
				case ONGOING ->
					throw DtmOngoing.of("dtm coordinator answered ONGOING to " + method + ": " + reply.message(), gid);
				default -> throw new WorkflowCoordinatorException("dtm coordinator at " + this.target + " answered "
						+ method + " of gid '" + gid + "' with " + words + ": " + reply.message(), 0, ex);
			}
		}
	}

}
