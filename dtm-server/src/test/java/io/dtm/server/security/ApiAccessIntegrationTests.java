package io.dtm.server.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Empty;
import io.dtm.core.GlobalStatus;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmTopicRequest;
import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.TestStores;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A running coordinator with {@code authentication=token},
 * {@code operator-calls=operator} and operator-only diagnostics: every API call over HTTP
 * and gRPC needs a configured token, the operator calls an {@code OPERATOR} one, probes
 * stay open, and refused calls change nothing.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiAccessIntegrationTests {

	static final String CLIENT = "client-" + UUID.randomUUID();

	static final String OPERATOR = "operator-" + UUID.randomUUID();

	@LocalServerPort
	int port;

	@Value("${local.grpc.port}")
	int grpcPort;

	@Autowired
	TransStore store;

	private final HttpClient client = HttpClient.newHttpClient();

	private ManagedChannel channel;

	private String gid;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		registry.add("dtm.server.security.api.authentication", () -> "token");
		registry.add("dtm.server.security.api.operator-calls", () -> "operator");
		registry.add("dtm.server.security.api.tokens[0].name", () -> "orders");
		registry.add("dtm.server.security.api.tokens[0].sha256", () -> ApiTokens.hash(CLIENT));
		registry.add("dtm.server.security.api.tokens[0].role", () -> "CLIENT");
		registry.add("dtm.server.security.api.tokens[1].name", () -> "ops");
		registry.add("dtm.server.security.api.tokens[1].sha256", () -> ApiTokens.hash(OPERATOR));
		registry.add("dtm.server.security.api.tokens[1].role", () -> "OPERATOR");
		registry.add("dtm.server.security.actuator.diagnostics", () -> "operator");
		registry.add("management.endpoint.health.show-details", () -> "when-authorized");
		registry.add("management.endpoint.health.roles", () -> "API_OPERATOR");
	}

	@BeforeEach
	void setUp() {
		this.gid = "access-" + UUID.randomUUID().toString().substring(0, 12);
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcPort).usePlaintext().build();
	}

	@AfterEach
	void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void whenACallHasNoOrAnUnknownTokenShouldAnswer401AndWriteNothing() throws Exception {
		HttpResponse<String> none = post("/api/dtmsvr/prepare", tcc(), null);
		HttpResponse<String> unknown = post("/api/dtmsvr/prepare", tcc(), "not-a-token");

		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
		assertThat(none.body()).contains("Authorization: Bearer <token>");
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(unknown.body()).contains("not one of dtm.server.security.api.tokens");
		assertThat(this.store.find(this.gid)).isEmpty();
	}

	@Test
	void whenAClientTokenIsPresentedShouldRunTheTransactionButNotTheOperatorCalls() throws Exception {
		assertThat(post("/api/dtmsvr/prepare", tcc(), CLIENT).statusCode()).isEqualTo(200);

		HttpResponse<String> forceStop = post("/api/dtmsvr/forceStop", "{\"gid\":\"" + this.gid + "\"}", CLIENT);

		assertThat(forceStop.statusCode()).isEqualTo(403);
		assertThat(forceStop.body()).contains("OPERATOR role");
		assertThat(this.store.find(this.gid).orElseThrow().status()).isEqualTo(GlobalStatus.PREPARED);
		assertThat(post("/api/dtmsvr/forceStop", "{\"gid\":\"" + this.gid + "\"}", OPERATOR).statusCode())
			.isEqualTo(200);
		assertThat(this.store.find(this.gid).orElseThrow().status()).isEqualTo(GlobalStatus.FAILED);
	}

	@Test
	void whenProbesCallShouldNeedNoTokenAndHealthShouldShowDetailsOnlyToOperators() throws Exception {
		assertThat(get("/api/ping", null).statusCode()).isEqualTo(200);
		assertThat(get("/api/health", null).statusCode()).isEqualTo(200);
		HttpResponse<String> anonymous = get("/actuator/health", null);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("components");
		assertThat(get("/actuator/health", OPERATOR).body()).contains("components");
		assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
	}

	@Test
	void whenDiagnosticsAreOperatorOnlyShouldRefuseOthers() throws Exception {
		assertThat(get("/actuator/dtm", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/dtm", CLIENT).statusCode()).isEqualTo(403);
		assertThat(get("/actuator/dtm", OPERATOR).statusCode()).isEqualTo(200);
	}

	@Test
	void whenGrpcCallsShouldFollowTheSameRules() {
		DtmGrpc.DtmBlockingStub anonymous = DtmGrpc.newBlockingStub(this.channel);
		DtmGrpc.DtmBlockingStub client = withToken(CLIENT);
		DtmTopicRequest topic = DtmTopicRequest.newBuilder().setTopic("t-" + this.gid).build();

		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> anonymous.newGid(Empty.getDefaultInstance()))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
		assertThat(client.newGid(Empty.getDefaultInstance()).getGid()).isNotEmpty();
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> client.deleteTopic(topic))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> withToken(OPERATOR).deleteTopic(topic))
			.as("an operator passes the check and gets dtm's answer for an unknown topic")
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isNotIn(Status.Code.UNAUTHENTICATED,
					Status.Code.PERMISSION_DENIED));
	}

	private DtmGrpc.DtmBlockingStub withToken(String token) {
		Metadata metadata = new Metadata();
		metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
		return DtmGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
			.withDeadlineAfter(10, TimeUnit.SECONDS);
	}

	private String tcc() {
		return "{\"gid\":\"" + this.gid + "\",\"trans_type\":\"tcc\"}";
	}

	private HttpResponse<String> post(String path, String json, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
