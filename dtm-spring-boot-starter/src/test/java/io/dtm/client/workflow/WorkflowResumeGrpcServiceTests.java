package io.dtm.client.workflow;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.grpc.DtmGrpcServerInterceptor;
import io.dtm.grpc.workflow.WorkflowData;
import io.dtm.grpc.workflow.WorkflowGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkflowResumeGrpcService}: the coordinator's gRPC resume call as dtm
 * sends it ({@code workflow.Workflow/Execute}, metadata {@code dtm-gid},
 * {@code dtm-trans_type=workflow}, {@code dtm-branch_id=00}, {@code dtm-op} = the
 * workflow's name; {@code WorkflowData.Data} = the payload), served behind the starter's
 * global {@link DtmGrpcServerInterceptor} as in a Spring gRPC application.
 */
class WorkflowResumeGrpcServiceTests {

	private FakeGrpcWorkflowCoordinator dtm;

	private DtmWorkflows workflows;

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void setUp() throws IOException {
		this.dtm = new FakeGrpcWorkflowCoordinator();
		this.workflows = new DtmWorkflows(new GrpcWorkflowCoordinator(this.dtm.channel(), Duration.ofSeconds(5)),
				RestClient.create(), new ObjectMapper());
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(new WorkflowResumeGrpcService(this.workflows),
					new DtmGrpcServerInterceptor()))
			.build()
			.start();
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.server.getPort()).usePlaintext().build();
	}

	@AfterEach
	void tearDown() throws Exception {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.workflows.close();
		this.dtm.close();
	}

	@Test
	void whenCoordinatorResumesShouldExecuteTheNamedWorkflowWithItsPayload() {
		StringBuilder seen = new StringBuilder();
		this.workflows.register("pay", String.class,
				(wf, payload) -> seen.append(wf.gid()).append(' ').append(payload));

		assertThat(resume("g1", "pay", "{\"amount\":30}").getCode()).isEqualTo(Status.Code.OK);

		assertThat(seen).hasToString("g1 {\"amount\":30}");
		assertThat(this.dtm.requests("Submit").get(0).getReqExtraMap()).containsEntry("status", "succeed");
	}

	@Test
	void whenTheWorkflowFailsShouldAnswerAborted() {
		this.workflows.register("pay", (wf, payload) -> wf.local(String.class, (barrier) -> {
			throw DtmFailure.of("no money");
		}));

		Status status = resume("g2", "pay", "");

		assertThat(status.getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(status.getDescription()).contains("no money");
	}

	@Test
	void whenAStepIsOngoingShouldAnswerFailedPrecondition() {
		this.workflows.register("pay", (wf, payload) -> wf.local(String.class, (barrier) -> {
			throw DtmOngoing.of("later");
		}));

		assertThat(resume("g3", "pay", "").getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
		assertThat(this.dtm.methods()).doesNotContain("Submit");
	}

	@Test
	void whenAPhase2StepRefusesShouldAnswerFailedPreconditionNotAborted() {
		this.workflows.register("pay", (wf, payload) -> wf.branch().onCommit((barrier) -> {
			throw DtmFailure.of("a commit must not refuse");
		}).local(String.class, (barrier) -> "done"));

		Status status = resume("g4", "pay", "");

		assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
		assertThat(status.getDescription()).contains("must not refuse");
	}

	@Test
	void whenTheWorkflowIsNotRegisteredShouldAnswerFailedPrecondition() {
		Status status = resume("g5", "unknown", "");

		assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
		assertThat(status.getDescription()).contains("unknown");
	}

	@Test
	void whenTheDtmMetadataIsMissingShouldAnswerInvalidArgument() {
		Status status = call(Map.of(), "");

		assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(this.dtm.methods()).isEmpty();
	}

	@Test
	void methodPathShouldBeDtmsWorkflowService() {
		assertThat(WorkflowResumeGrpcService.METHOD_PATH).isEqualTo("/workflow.Workflow/Execute");
	}

	private Status resume(String gid, String name, String payload) {
		return call(Map.of("dtm-gid", gid, "dtm-trans_type", "workflow", "dtm-branch_id", "00", "dtm-op", name,
				"dtm-dtm", ""), payload);
	}

	private Status call(Map<String, String> metadata, String payload) {
		Metadata headers = new Metadata();
		metadata.forEach((key, value) -> headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value));
		try {
			WorkflowGrpc.newBlockingStub(this.channel)
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.execute(WorkflowData.newBuilder().setData(ByteString.copyFromUtf8(payload)).build());
			return Status.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus();
		}
	}

}
