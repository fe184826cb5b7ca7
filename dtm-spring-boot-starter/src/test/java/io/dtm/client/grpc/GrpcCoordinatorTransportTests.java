package io.dtm.client.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dtm.client.DtmCoordinatorErrorException;
import io.dtm.client.DtmCoordinatorUnavailableException;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.DtmRejectedException;
import io.dtm.client.DtmRequestException;
import io.dtm.client.DtmTemplate;
import io.dtm.grpc.DtmRequest;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GrpcCoordinatorTransport}: {@link DtmTemplate} over gRPC against a
 * fake coordinator on a real Netty server.
 */
class GrpcCoordinatorTransportTests {

	private FakeGrpcCoordinator coordinator;

	private GrpcCoordinatorTransport transport;

	private DtmTemplate dtm;

	@BeforeEach
	void setUp() {
		this.coordinator = new FakeGrpcCoordinator();
		this.transport = GrpcCoordinatorTransport.forTarget(this.coordinator.target(), Duration.ofSeconds(10));
		this.dtm = template(this.transport);
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.transport.close();
		this.coordinator.close();
	}

	@Test
	void whenGidRequestedShouldAskNewGid() {
		assertThat(this.dtm.newGid()).isEqualTo("gid-from-grpc");
		assertThat(this.coordinator.methods()).containsExactly("NewGid");
	}

	@Test
	void whenAnApiTokenIsSetEveryCallShouldCarryItAndNoneOtherwise() throws InterruptedException {
		try (GrpcCoordinatorTransport withToken = GrpcCoordinatorTransport.forTarget(this.coordinator.target(),
				Duration.ofSeconds(10), "t0ken")) {
			template(withToken).newGid();
		}
		this.dtm.newGid();

		assertThat(this.coordinator.authorizations()).containsExactly("Bearer t0ken", "");
	}

	@Test
	void whenSagaSubmittedShouldSendOneSubmit() {
		this.dtm.saga("s1").step("http://a/out", "http://a/outRevert", Map.of("amount", 30)).submit();
		assertThat(this.coordinator.methods()).containsExactly("Submit");
		DtmRequest request = this.coordinator.calls().get(0).dtmRequest();
		assertThat(request.getGid()).isEqualTo("s1");
		assertThat(request.getTransType()).isEqualTo("saga");
		assertThat(request.getBinPayloads(0).toStringUtf8()).isEqualTo("{\"amount\":30}");
	}

	@Test
	void whenTccRunsShouldPrepareRegisterCallTryOverHttpAndSubmit() throws IOException {
		List<String> tries = new CopyOnWriteArrayList<>();
		HttpServer participant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		participant.createContext("/try", (exchange) -> {
			tries.add(exchange.getRequestURI().getQuery() + " "
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		participant.start();
		try {
			String url = "http://127.0.0.1:" + participant.getAddress().getPort();
			this.dtm.tcc("t1",
					(tcc) -> tcc.callBranch(Map.of("amount", 30), url + "/try", url + "/confirm", url + "/cancel"));
		}
		finally {
			participant.stop(0);
		}
		assertThat(this.coordinator.methods()).containsExactly("Prepare", "RegisterBranch", "Submit");
		FakeGrpcCoordinator.Call register = this.coordinator.calls().get(1);
		assertThat(register.branchRequest().getBranchID()).isEqualTo("01");
		assertThat(register.branchRequest().getDataMap()).containsKeys("confirm", "cancel");
		assertThat(register.branchRequest().getBusiPayload().toStringUtf8()).isEqualTo("{\"amount\":30}");
		assertThat(this.coordinator.calls().get(0).dtmRequest().getTransType()).isEqualTo("tcc");
		assertThat(tries).singleElement().isEqualTo("gid=t1&trans_type=tcc&branch_id=01&op=try {\"amount\":30}");
	}

	@Test
	void whenTccTryFailsShouldAbortOverGrpcWithReason() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.dtm.tcc("t2", (tcc) -> {
			throw new IllegalStateException("out of stock");
		}));
		assertThat(this.coordinator.methods()).containsExactly("Prepare", "Abort");
		assertThat(this.coordinator.calls().get(1).dtmRequest().getRollbackReason()).isEqualTo("out of stock");
	}

	@Test
	void whenPrepareAbortedShouldBeRejected() {
		this.coordinator.script("Prepare", Status.ABORTED.withDescription("gid t3 exists FAILURE"));
		assertThatExceptionOfType(DtmRejectedException.class)
			.isThrownBy(() -> this.dtm.msg("t3").step("http://b/in", "x").prepare("http://a/query"))
			.withMessageContaining("gid t3 exists FAILURE")
			.satisfies((ex) -> assertThat(ex.getEndpoint()).isEqualTo("prepare"));
	}

	@Test
	void whenWaitResultSubmitAbortedShouldBeFailure() {
		this.coordinator.script("Submit", Status.ABORTED.withDescription("insufficient balance FAILURE"));
		assertThatExceptionOfType(DtmFailure.class)
			.isThrownBy(() -> this.dtm.saga("s2").step("http://a/out", "http://a/outRevert", "x").waitResult().submit())
			.withMessage("saga s2 failed: insufficient balance FAILURE");
	}

	@Test
	void whenSubmitFailedPreconditionShouldBeOngoing() {
		this.coordinator.script("Submit", Status.FAILED_PRECONDITION.withDescription("ONGOING"));
		assertThatExceptionOfType(DtmOngoing.class).isThrownBy(
				() -> this.dtm.saga("s3").step("http://a/out", "http://a/outRevert", "x").waitResult().submit());
	}

	@Test
	void whenInvalidArgumentShouldBeBadRequest() {
		this.coordinator.script("Submit", Status.INVALID_ARGUMENT.withDescription("no steps"));
		assertThatExceptionOfType(DtmRequestException.class)
			.isThrownBy(() -> this.dtm.saga("s4").step("http://a/out", "http://a/outRevert", "x").submit())
			.withMessageContaining("gRPC INVALID_ARGUMENT")
			.withMessageContaining("no steps");
	}

	@Test
	void whenInternalShouldBeCoordinatorErrorNotResent() {
		this.coordinator.script("Submit", Status.INTERNAL.withDescription("store down"));
		assertThatExceptionOfType(DtmCoordinatorErrorException.class)
			.isThrownBy(() -> this.dtm.saga("s5").step("http://a/out", "http://a/outRevert", "x").submit())
			.withMessageContaining("gRPC INTERNAL: store down");
		assertThat(this.coordinator.methods()).containsExactly("Submit");
	}

	@Test
	void whenCoordinatorDownShouldRetryThenBeUnavailable() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (GrpcCoordinatorTransport down = GrpcCoordinatorTransport.forTarget("127.0.0.1:" + port,
				Duration.ofSeconds(5))) {
			assertThatExceptionOfType(DtmCoordinatorUnavailableException.class).isThrownBy(template(down)::newGid)
				.withMessageContaining("connection refused")
				.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue());
		}
	}

	private static DtmTemplate template(GrpcCoordinatorTransport transport) {
		RetryTemplate retry = RetryTemplate.builder()
			.maxAttempts(3)
			.fixedBackoff(1)
			.retryOn(DtmCoordinatorUnavailableException.class)
			.build();
		return new DtmTemplate(RestClient.create(), () -> null, retry, new ObjectMapper(), transport);
	}

}
