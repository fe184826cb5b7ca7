package io.dtm.samples.workflow;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.workflow.DtmWorkflows;
import io.dtm.client.workflow.GrpcWorkflowCoordinator;
import io.dtm.client.workflow.WorkflowResumeGrpcService;
import io.dtm.samples.testsupport.Coordinator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The starter's workflow API over gRPC against the real coordinator (MariaDB store): the
 * workflow is prepared, its steps recorded and its outcome submitted through dtm's
 * {@code dtmgimp.Dtm} service, and the coordinator resumes an unfinished workflow by
 * calling the application's {@code workflow.Workflow/Execute} service on a real gRPC
 * server; recorded steps are not run again.
 */
@Tag("integration")
class WorkflowGrpcEndToEndTests {

	private final List<String> ran = new CopyOnWriteArrayList<>();

	private final AtomicBoolean paymentDown = new AtomicBoolean(true);

	private ManagedChannel channel;

	private Server server;

	private DtmWorkflows workflows;

	@BeforeEach
	void start() throws IOException {
		this.channel = ManagedChannelBuilder.forTarget(Coordinator.grpcTarget()).usePlaintext().build();
		this.workflows = new DtmWorkflows(new GrpcWorkflowCoordinator(this.channel, Duration.ofSeconds(10)),
				RestClient.create(), new ObjectMapper());
		this.workflows.register("grpc-order", String.class, (wf, order) -> {
			String reserved = wf.local("reserve", String.class, (barrier) -> {
				this.ran.add("reserve " + barrier.getBranchId());
				return "reserved " + order;
			});
			wf.local("pay", String.class, (barrier) -> {
				this.ran.add("pay " + barrier.getBranchId());
				if (this.paymentDown.get()) {
					throw new IllegalStateException("payment service unreachable");
				}
				return "paid";
			});
			return reserved + " and paid";
		});
		this.server = NettyServerBuilder.forPort(0)
			.addService(new WorkflowResumeGrpcService(this.workflows))
			.build()
			.start();
		this.workflows.setCallbackUrl("127.0.0.1:" + this.server.getPort() + WorkflowResumeGrpcService.METHOD_PATH);
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		this.workflows.close();
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void whenAStepFailsShouldBeResumedByTheCoordinatorOverGrpcWithoutRepeatingRecordedSteps() {
		String gid = "wf-grpc-" + UUID.randomUUID().toString().substring(0, 8);

		assertThatIllegalStateException().isThrownBy(() -> this.workflows.execute("grpc-order", gid, "book-42"))
			.withMessageContaining("payment service unreachable");
		JsonNode prepared = query(gid);
		assertThat(prepared.path("transaction").path("protocol").asText()).isEqualTo("grpc");
		assertThat(prepared.path("transaction").path("status").asText()).isEqualTo("prepared");
		assertThat(prepared.path("branches"))
			.extracting((b) -> b.path("branch_id").asText() + "-" + b.path("op").asText())
			.containsExactly("01-action");
		this.paymentDown.set(false);

		await("the coordinator resumes " + gid + " through workflow.Workflow/Execute").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> query(gid).path("transaction").path("status").asText(), "succeed"::equals);

		JsonNode done = query(gid);
		assertThat(new String(java.util.Base64.getDecoder().decode(done.path("transaction").path("result").asText()),
				java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("reserved book-42 and paid");
		assertThat(done.path("branches"))
			.extracting(
					(b) -> b.path("branch_id").asText() + "-" + b.path("op").asText() + ":" + b.path("status").asText())
			.containsExactly("01-action:succeed", "02-action:succeed");
		assertThat(this.ran).as("the recorded reservation is not run again")
			.containsExactly("reserve 01", "pay 02", "pay 02");
	}

	private static JsonNode query(String gid) {
		String body = RestClient.create(Coordinator.url())
			.get()
			.uri("/api/dtmsvr/query?gid={gid}", gid)
			.retrieve()
			.body(String.class);
		try {
			return new ObjectMapper().readTree(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
