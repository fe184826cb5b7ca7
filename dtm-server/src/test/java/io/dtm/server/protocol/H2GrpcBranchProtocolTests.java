package io.dtm.server.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dtm.server.testsupport.GrpcParticipant;
import io.dtm.server.testsupport.GrpcParticipant.Reply;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Branches called over gRPC by a real coordinator (H2 store), for transactions submitted
 * over HTTP with {@code protocol: grpc}.
 */
class H2GrpcBranchProtocolTests extends ProtocolTestSupport {

	static GrpcParticipant grpc;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		registry.add("dtm.server.cron.interval", () -> "200ms");
	}

	@BeforeAll
	static void startGrpcParticipant() {
		grpc = GrpcParticipant.start();
	}

	@AfterAll
	static void stopGrpcParticipant() {
		grpc.close();
	}

	@Test
	void whenGrpcSagaSucceedsEveryActionShouldGetItsPayloadAndTheDtmMetadata() {
		String gid = gid("grpc-saga");

		assertThat(post("submit", grpcSaga(gid)).status()).isEqualTo(200);

		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
		assertThat(grpc.trace(gid)).containsExactly("busi.Busi/TransOut@action", "busi.Busi/TransIn@action");
		GrpcParticipant.Call first = grpc.calls(gid).get(0);
		assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"amount\":30}");
		assertThat(first.metadata()).containsEntry("dtm-trans_type", "saga")
			.containsEntry("dtm-branch_id", "01")
			.containsEntry("x-tenant", "t1");
	}

	@Test
	void whenAGrpcActionIsAbortedTheSagaShouldCompensateAndFail() {
		String gid = gid("grpc-abort");
		grpc.script(gid, "busi.Busi/TransIn", Reply.failure());

		assertThat(post("submit", grpcSaga(gid)).status()).isEqualTo(409);

		assertThat(this.dtm.status(gid)).isEqualTo("failed");
		assertThat(grpc.trace(gid)).containsExactly("busi.Busi/TransOut@action", "busi.Busi/TransIn@action",
				"busi.Busi/TransInRevert@compensate", "busi.Busi/TransOutRevert@compensate");
	}

	@Test
	void whenAPreparedMsgTimesOutItShouldBeCheckedBackOverGrpc() {
		String gid = gid("grpc-msg");
		Map<String, Object> msg = body("gid", gid, "trans_type", "msg", "protocol", "grpc", "timeout_to_fail", 1,
				"steps", List.of(Map.of("action", grpc.url("busi.Busi/TransIn"))), "payloads", List.of("{}"),
				"query_prepared", grpc.url("busi.Busi/QueryPrepared"));

		assertThat(post("prepare", msg).status()).isEqualTo(200);
		awaitStatus(gid, "succeed", Duration.ofSeconds(15));

		assertThat(grpc.trace(gid)).containsExactly("busi.Busi/QueryPrepared@msg", "busi.Busi/TransIn@action");
		assertThat(grpc.calls(gid).get(0).metadata()).containsEntry("dtm-branch_id", "00");
	}

	@Test
	void whenAGrpcUrlIsMalformedSubmitShouldAnswer400() {
		String gid = gid("grpc-bad");
		Map<String, Object> saga = body("gid", gid, "trans_type", "saga", "protocol", "grpc", "steps",
				List.of(Map.of("action", "127.0.0.1:1/busi.Busi", "compensate", "")));

		assertThat(post("submit", saga).body()).contains("gRPC URL '127.0.0.1:1/busi.Busi' is malformed");
	}

	private static Map<String, Object> grpcSaga(String gid) {
		return body("gid", gid, "trans_type", "saga", "protocol", "grpc", "wait_result", true, "branch_headers",
				Map.of("X-Tenant", "t1"), "steps",
				List.of(Map.of("action", grpc.url("busi.Busi/TransOut"), "compensate",
						grpc.url("busi.Busi/TransOutRevert")),
						Map.of("action", grpc.url("busi.Busi/TransIn"), "compensate",
								grpc.url("busi.Busi/TransInRevert"))),
				"payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
	}

}
