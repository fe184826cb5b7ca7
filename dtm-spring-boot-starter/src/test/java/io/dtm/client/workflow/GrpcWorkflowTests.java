package io.dtm.client.workflow;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.StringValue;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmProgress;
import io.dtm.grpc.DtmProgressesReply;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransaction;
import io.dtm.grpc.DtmTransOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for workflows over gRPC: {@link GrpcWorkflowCoordinator} against a fake
 * {@code dtmgimp.Dtm} coordinator, and {@link WorkflowBranch#callGrpc} against a real
 * participant behind the starter's {@code DtmGrpcServerInterceptor}.
 */
class GrpcWorkflowTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private FakeGrpcWorkflowCoordinator dtm;

	private GrpcParticipant busi;

	private DtmWorkflows workflows;

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@BeforeEach
	void setUp() {
		this.dtm = new FakeGrpcWorkflowCoordinator();
		this.busi = new GrpcParticipant();
		this.workflows = new DtmWorkflows(new GrpcWorkflowCoordinator(this.dtm.channel(), Duration.ofSeconds(5)),
				RestClient.create(), new ObjectMapper());
		this.workflows.setCallbackUrl("app:9090/workflow.Workflow/Execute");
	}

	@AfterEach
	void tearDown() throws Exception {
		this.workflows.close();
		this.busi.close();
		this.dtm.close();
	}

	@Test
	void whenExecutedShouldPrepareRegisterAndSubmitAsDtmsGrpcSdk() throws Exception {
		this.workflows.register("transfer", String.class, (wf, payload) -> {
			StringValue out = wf.branch()
				.onRollbackGrpc(this.busi.url("TransOutRevert"), StringValue.of(payload))
				.callGrpc(this.busi.url("TransOut"), StringValue.of(payload), StringValue.parser());
			return out.getValue();
		});

		WorkflowResult result = this.workflows.execute("transfer", "g-grpc", "30");

		assertThat(result.asText()).isEqualTo("TransOut:30");
		assertThat(this.dtm.methods()).containsExactly("PrepareWorkflow", "RegisterBranch", "Submit");
		DtmRequest prepare = this.dtm.requests("PrepareWorkflow").get(0);
		assertThat(prepare.getGid()).isEqualTo("g-grpc");
		assertThat(prepare.getTransType()).isEqualTo("workflow");
		assertThat(prepare.getQueryPrepared()).isEqualTo("app:9090/workflow.Workflow/Execute");
		assertThat(prepare.hasTransOptions()).isTrue();
		assertThat(prepare.getTransOptions()).isEqualTo(DtmTransOptions.getDefaultInstance());
		JsonNode custom = JSON.readTree(prepare.getCustomedData());
		assertThat(custom.path("name").asText()).isEqualTo("transfer");
		assertThat(new String(Base64.getDecoder().decode(custom.path("data").asText()))).isEqualTo("30");
		DtmBranchRequest step = this.dtm.branches().get(0);
		assertThat(step.getGid()).isEqualTo("g-grpc");
		assertThat(step.getTransType()).isEqualTo("workflow");
		assertThat(step.getBranchID()).isEqualTo("01");
		assertThat(step.getDataMap()).containsExactlyInAnyOrderEntriesOf(Map.of("op", "action", "status", "succeed"));
		assertThat(step.getBusiPayload()).isEqualTo(StringValue.of("TransOut:30").toByteString());
		DtmRequest submit = this.dtm.requests("Submit").get(0);
		assertThat(submit.getGid()).isEqualTo("g-grpc");
		assertThat(submit.getTransType()).isEqualTo("workflow");
		assertThat(submit.getReqExtraMap()).containsEntry("status", "succeed")
			.containsEntry("rollback_reason", "")
			.containsEntry("result", Base64.getEncoder().encodeToString("TransOut:30".getBytes()));
	}

	@Test
	void whenCallingAGrpcBranchShouldSendTheDtmMetadataTheBarrierReads() {
		this.workflows.register("transfer", (wf, payload) -> {
			wf.branch()
				.onCommitGrpc(this.busi.url("Confirm"), StringValue.of("c"))
				.callGrpc(this.busi.url("TransOut"), StringValue.of("a"), StringValue.parser());
			return null;
		});

		this.workflows.execute("transfer", "g-meta", new byte[0]);

		assertThat(this.busi.called()).containsExactly("TransOut 01 action", "Confirm 01 commit");
		assertThat(this.busi.calls().get(0).metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("dtm-gid", "g-meta",
				"dtm-trans_type", "workflow", "dtm-branch_id", "01", "dtm-op", "action", "dtm-dtm", this.dtm.target()));
		assertThat(this.busi.calls().get(1).metadata()).containsEntry("dtm-op", "commit");
		assertThat(this.dtm.branches()).extracting(GrpcWorkflowTests::step)
			.containsExactly("01 action succeed", "01 commit succeed");
	}

	@Test
	void whenABranchAnswersAbortedShouldRecordItFailedAndRollBackInReverse() {
		this.busi.answer("TransIn", Status.ABORTED.withDescription("account closed FAILURE"));
		this.workflows.register("transfer", (wf, payload) -> {
			wf.branch()
				.onRollback((barrier) -> this.ran.add("rollback " + barrier.getBranchId()))
				.local(String.class, (barrier) -> "local");
			wf.branch()
				.onRollbackGrpc(this.busi.url("TransOutRevert"), StringValue.of("out"))
				.callGrpc(this.busi.url("TransOut"), StringValue.of("out"), StringValue.parser());
			wf.branch()
				.onRollbackGrpc(this.busi.url("TransInRevert"), StringValue.of("in"))
				.callGrpc(this.busi.url("TransIn"), StringValue.of("in"), StringValue.parser());
			this.ran.add("not reached");
			return null;
		});

		assertThatExceptionOfType(DtmFailure.class)
			.isThrownBy(() -> this.workflows.execute("transfer", "g-abort", new byte[0]))
			.withMessageContaining("account closed");

		assertThat(this.busi.called()).containsExactly("TransOut 02 action", "TransIn 03 action",
				"TransOutRevert 02 rollback");
		assertThat(this.ran).containsExactly("rollback 01");
		assertThat(this.dtm.branches()).extracting(GrpcWorkflowTests::step)
			.containsExactly("01 action succeed", "02 action succeed", "03 action failed", "02 rollback succeed",
					"01 rollback succeed");
		assertThat(this.dtm.branches().get(2).getBusiPayload().toStringUtf8()).contains("account closed");
		assertThat(this.dtm.requests("Submit").get(0).getReqExtraMap()).containsEntry("status", "failed")
			.hasEntrySatisfying("rollback_reason", (reason) -> assertThat(reason).contains("account closed"));
	}

	@Test
	void whenABranchAnswersFailedPreconditionShouldStayUnfinishedWithoutRecording() {
		this.busi.answer("TransOut", Status.FAILED_PRECONDITION.withDescription("ONGOING"));
		this.workflows.register("transfer", (wf, payload) -> wf.branch()
			.callGrpc(this.busi.url("TransOut"), StringValue.of("a"), StringValue.parser()));

		assertThatExceptionOfType(DtmOngoing.class)
			.isThrownBy(() -> this.workflows.execute("transfer", "g-ongoing", new byte[0]));

		assertThat(this.dtm.methods()).containsExactly("PrepareWorkflow");
	}

	@Test
	void whenABranchAnswersAnotherErrorShouldStayUnfinishedWithoutRecording() {
		this.busi.answer("TransOut", Status.UNAVAILABLE.withDescription("db down"));
		this.workflows.register("transfer", (wf, payload) -> wf.branch()
			.callGrpc(this.busi.url("TransOut"), StringValue.of("a"), StringValue.parser()));

		assertThatIllegalStateException().isThrownBy(() -> this.workflows.execute("transfer", "g-error", new byte[0]))
			.withMessageContaining("UNAVAILABLE")
			.withMessageContaining("db down");

		assertThat(this.dtm.methods()).containsExactly("PrepareWorkflow");
	}

	@Test
	void whenTheStepIsRecordedShouldParseTheRecordedReplyWithoutCalling() {
		this.dtm.replyToPrepare(DtmProgressesReply.newBuilder()
			.setTransaction(DtmTransaction.newBuilder().setGid("g-replay").setStatus("prepared"))
			.addProgresses(DtmProgress.newBuilder()
				.setBranchID("01")
				.setOp("action")
				.setStatus("succeed")
				.setBinData(StringValue.of("recorded").toByteString()))
			.build());
		this.workflows.register("transfer",
				(wf, payload) -> wf.branch()
					.callGrpc(this.busi.url("TransOut"), StringValue.of("a"), StringValue.parser())
					.getValue());

		assertThat(this.workflows.execute("transfer", "g-replay", new byte[0]).asText()).isEqualTo("recorded");

		assertThat(this.busi.calls()).isEmpty();
		assertThat(this.dtm.methods()).containsExactly("PrepareWorkflow", "Submit");
	}

	@Test
	void whenAFailedStepIsRecordedShouldRefuseAgainAndRollBack() {
		this.dtm.replyToPrepare(DtmProgressesReply.newBuilder()
			.setTransaction(DtmTransaction.newBuilder().setStatus("prepared"))
			.addProgresses(DtmProgress.newBuilder()
				.setBranchID("01")
				.setOp("action")
				.setStatus("succeed")
				.setBinData(StringValue.of("out").toByteString()))
			.addProgresses(DtmProgress.newBuilder()
				.setBranchID("02")
				.setOp("action")
				.setStatus("failed")
				.setBinData(ByteString.copyFromUtf8("no money")))
			.build());
		this.workflows.register("transfer", (wf, payload) -> {
			wf.branch()
				.onRollbackGrpc(this.busi.url("TransOutRevert"), StringValue.of("out"))
				.callGrpc(this.busi.url("TransOut"), StringValue.of("out"), StringValue.parser());
			wf.branch().callGrpc(this.busi.url("TransIn"), StringValue.of("in"), StringValue.parser());
			return null;
		});

		assertThatExceptionOfType(DtmFailure.class)
			.isThrownBy(() -> this.workflows.execute("transfer", "g-replay-failed", new byte[0]))
			.withMessageContaining("no money");

		assertThat(this.busi.called()).containsExactly("TransOutRevert 01 rollback");
	}

	@Test
	void whenTheCoordinatorAnswersAbortedShouldThrowDtmFailure() {
		this.dtm.script("PrepareWorkflow", Status.ABORTED.withDescription("gid used by a saga"));
		this.workflows.register("noop", (wf, payload) -> null);

		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.workflows.execute("noop", "g1", "x"))
			.withMessageContaining("gid used by a saga");
	}

	@Test
	void whenTheCoordinatorAnswersFailedPreconditionShouldThrowDtmOngoing() {
		this.dtm.script("RegisterBranch", Status.FAILED_PRECONDITION.withDescription("ONGOING"));
		this.workflows.register("noop", (wf, payload) -> wf.local(String.class, (barrier) -> "a"));

		assertThatExceptionOfType(DtmOngoing.class).isThrownBy(() -> this.workflows.execute("noop", "g1", "x"));
		assertThat(this.dtm.methods()).doesNotContain("Submit");
	}

	@Test
	void whenTheCoordinatorAnswersAnotherErrorShouldLeaveTheWorkflowUnfinished() {
		this.dtm.script("Submit", Status.INTERNAL.withDescription("store down"));
		this.workflows.register("noop", (wf, payload) -> null);

		assertThatExceptionOfType(WorkflowCoordinatorException.class)
			.isThrownBy(() -> this.workflows.execute("noop", "g1", "x"))
			.withMessageContaining("Submit")
			.withMessageContaining("INTERNAL")
			.withMessageContaining("store down");
	}

	@Test
	void whenTheCoordinatorIsUnreachableShouldLeaveTheWorkflowUnfinished() throws Exception {
		ManagedChannel nowhere = io.grpc.netty.NettyChannelBuilder.forTarget("127.0.0.1:1").usePlaintext().build();
		try {
			DtmWorkflows unreachable = new DtmWorkflows(new GrpcWorkflowCoordinator(nowhere, Duration.ofSeconds(5)),
					RestClient.create(), new ObjectMapper());
			unreachable.register("noop", (wf, payload) -> null);
			assertThatExceptionOfType(WorkflowCoordinatorException.class)
				.isThrownBy(() -> unreachable.execute("noop", "g1", "x"))
				.withMessageContaining("PrepareWorkflow");
		}
		finally {
			nowhere.shutdownNow();
		}
	}

	@Test
	void whenTheCoordinatorIsHttpShouldStillCallGrpcBranchesWithItsUrlAsDtm() throws Exception {
		try (FakeWorkflowCoordinator http = new FakeWorkflowCoordinator();
				DtmWorkflows overHttp = new DtmWorkflows(RestClient.create(), http::apiUrl, new ObjectMapper())) {
			overHttp.register("transfer",
					(wf, payload) -> wf.branch()
						.callGrpc(this.busi.url("TransOut"), StringValue.of("a"), StringValue.parser())
						.getValue());

			assertThat(overHttp.execute("transfer", "g-http", new byte[0]).asText()).isEqualTo("TransOut:a");

			assertThat(this.busi.calls().get(0).metadata()).containsEntry("dtm-dtm", http.apiUrl());
			assertThat(http.bodies("/api/dtmsvr/registerBranch").get(0).path("data").asText())
				.isEqualTo(StringValue.of("TransOut:a").toByteString().toStringUtf8());
		}
	}

	@Test
	void whenClosedShouldShutDownTheBranchChannels() {
		GrpcBranchCaller caller = new GrpcBranchCaller(Duration.ofSeconds(5));
		io.dtm.client.barrier.BranchBarrier barrier = io.dtm.client.barrier.BranchBarrier
			.of(io.dtm.core.TransType.WORKFLOW, "g1", "01", io.dtm.core.BranchOp.ACTION);
		caller.call(this.busi.url("TransOut"), StringValue.of("a").toByteArray(), barrier, "");
		caller.call(this.busi.url("TransIn"), StringValue.of("b").toByteArray(), barrier, "");
		List<ManagedChannel> channels = List.copyOf(caller.channels().values());
		assertThat(channels).hasSize(1);

		caller.close();

		assertThat(channels).allSatisfy((channel) -> assertThat(channel.isShutdown()).isTrue());
		assertThatIllegalStateException()
			.isThrownBy(() -> caller.call(this.busi.url("TransOut"), new byte[0], barrier, ""));
	}

	@Test
	void whenTheUrlIsNotDtmsGrpcFormShouldSaySo() {
		this.workflows.register("bad",
				(wf, payload) -> wf.branch().callGrpc("127.0.0.1:9090", StringValue.of("a"), StringValue.parser()));

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.workflows.execute("bad", "g1", "x"))
			.withMessageContaining("host:port/package.Service/Method");
	}

	private static String step(DtmBranchRequest request) {
		return request.getBranchID() + " " + request.getDataMap().get("op") + " " + request.getDataMap().get("status");
	}

}
