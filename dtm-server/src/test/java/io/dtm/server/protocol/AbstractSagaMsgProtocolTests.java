package io.dtm.server.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant.Call;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Saga and 2-phase-message behaviour of a real coordinator over HTTP against a scripted
 * participant; subclasses bind it to a store.
 */
abstract class AbstractSagaMsgProtocolTests extends ProtocolTestSupport {

	@Test
	void sagaWhenAllActionsSucceedShouldCallActionsInOrderAndSucceed() {
		String gid = gid("saga-ok");
		Map<String, Object> body = transfer(gid, "wait_result", true);
		body.put("payloads", List.of("{\"amount\":30}", ""));
		DtmHttp.Reply reply = post("submit", body);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("dtm_result").asText()).isEqualTo("SUCCESS");
		assertThat(trace(gid)).containsExactly("/TransOut@action", "/TransIn@action");
		Call out = callsTo(gid, "/TransOut").get(0);
		assertThat(out.method()).isEqualTo("POST");
		assertThat(out.body()).isEqualTo("{\"amount\":30}");
		assertThat(out.headers()).containsEntry("content-type", "application/json");
		assertThat(out.query()).containsExactly(Map.entry("gid", gid), Map.entry("trans_type", "saga"),
				Map.entry("branch_id", "01"), Map.entry("op", "action"));
		Call in = callsTo(gid, "/TransIn").get(0);
		assertThat(in.method()).as("empty payload means GET").isEqualTo("GET");
		assertThat(in.body()).isEmpty();
		assertThat(in.query()).containsEntry("branch_id", "02");
		JsonNode stored = query(gid);
		assertThat(stored.path("transaction").path("status").asText()).isEqualTo("succeed");
		assertThat(stored.path("transaction").path("finish_time").asText()).isNotEmpty();
		assertThat(stored.path("branches")).extracting((b) -> b.path("op").asText() + ":" + b.path("status").asText())
			.containsExactly("compensate:prepared", "action:succeed", "compensate:prepared", "action:succeed");
	}

	@Test
	void sagaWhenAnActionFailsShouldCompensateInReverseIncludingTheFailedStep() {
		String gid = gid("saga-fail");
		always(gid, "/TransIn", Reply.failure());
		DtmHttp.Reply reply = post("submit", transfer(gid, "wait_result", true));
		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.json().path("dtm_result").asText()).isEqualTo("FAILURE");
		assertThat(trace(gid)).containsExactly("/TransOut@action", "/TransIn@action", "/TransInRevert@compensate",
				"/TransOutRevert@compensate");
		JsonNode transaction = query(gid).path("transaction");
		assertThat(transaction.path("status").asText()).isEqualTo("failed");
		assertThat(transaction.path("rollback_reason").asText()).contains("FAILURE");
		assertThat(transaction.path("rollback_time").asText()).isNotEmpty();
	}

	@Test
	void sagaWhenConcurrentShouldStartAStepOnlyAfterItsPrerequisites() {
		String gid = gid("saga-conc");
		script(gid, "/A0", Reply.slow(Duration.ofMillis(600)));
		script(gid, "/A1", Reply.slow(Duration.ofMillis(200)));
		Map<String, Object> body = body("gid", gid, "trans_type", "saga", "wait_result", true, "steps",
				List.of(Map.of("action", url(gid, "/A0"), "compensate", url(gid, "/C0")),
						Map.of("action", url(gid, "/A1"), "compensate", url(gid, "/C1")),
						Map.of("action", url(gid, "/A2"), "compensate", url(gid, "/C2"))),
				"payloads", List.of("{}", "{}", "{}"), "custom_data", "{\"concurrent\":true,\"orders\":{\"2\":[0,1]}}");
		assertThat(post("submit", body).status()).isEqualTo(200);
		Call a0 = callsTo(gid, "/A0").get(0);
		Call a1 = callsTo(gid, "/A1").get(0);
		Call a2 = callsTo(gid, "/A2").get(0);
		assertThat(Duration.between(a0.at(), a1.at()).abs()).as("steps 0 and 1 run concurrently")
			.isLessThan(Duration.ofMillis(400));
		assertThat(a2.at()).isAfterOrEqualTo(a0.at().plusMillis(600)).isAfterOrEqualTo(a1.at().plusMillis(200));
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void sagaWhenConcurrentAndAStepFailsShouldCompensateDependantsFirst() {
		String gid = gid("saga-conc-fail");
		always(gid, "/A1", Reply.failure());
		Map<String, Object> body = body("gid", gid, "trans_type", "saga", "wait_result", true, "steps",
				List.of(Map.of("action", url(gid, "/A0"), "compensate", url(gid, "/C0")),
						Map.of("action", url(gid, "/A1"), "compensate", url(gid, "/C1"))),
				"payloads", List.of("{}", "{}"), "custom_data", "{\"concurrent\":true,\"orders\":{\"1\":[0]}}");
		assertThat(post("submit", body).status()).isEqualTo(409);
		assertThat(trace(gid)).containsExactly("/A0@action", "/A1@action", "/C1@compensate", "/C0@compensate");
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
	}

	@Test
	void sagaWhenActionAnswersOngoingShouldRetryWithoutBackOffAndSucceed() {
		String gid = gid("saga-ongoing");
		script(gid, "/TransIn", Reply.ongoing());
		DtmHttp.Reply reply = post("submit", transfer(gid, "wait_result", true));
		assertUnfinished(reply);
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		List<Call> calls = callsTo(gid, "/TransIn");
		assertThat(calls).hasSize(2);
		assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isLessThan(Duration.ofMillis(2900));
		assertThat(trace(gid)).doesNotContain("/TransOutRevert@compensate");
	}

	@Test
	void sagaWhenActionErrorsShouldRetryWithGrowingIntervalsThenSucceed() {
		String gid = gid("saga-backoff");
		script(gid, "/TransIn", Reply.error(), Reply.error());
		assertThat(post("submit", transfer(gid)).status()).isEqualTo(200);
		awaitStatus(gid, "succeed", Duration.ofSeconds(20));
		List<Call> calls = callsTo(gid, "/TransIn");
		assertThat(calls).hasSize(3);
		Duration first = Duration.between(calls.get(0).at(), calls.get(1).at());
		Duration second = Duration.between(calls.get(1).at(), calls.get(2).at());
		assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(second).as("back-off doubles").isGreaterThan(first.plusMillis(800));
		assertThat(callsTo(gid, "/TransOut")).hasSize(1);
	}

	@Test
	void sagaWhenRetryLimitIsUsedUpShouldRollBack() {
		String gid = gid("saga-limit");
		always(gid, "/TransIn", Reply.error());
		DtmHttp.Reply reply = post("submit", transfer(gid, "wait_result", true, "retry_limit", 2));
		assertThat(reply.status()).isEqualTo(409);
		assertThat(callsTo(gid, "/TransIn")).hasSize(3);
		assertThat(trace(gid)).endsWith("/TransInRevert@compensate", "/TransOutRevert@compensate");
		JsonNode transaction = query(gid).path("transaction");
		assertThat(transaction.path("status").asText()).isEqualTo("failed");
		assertThat(transaction.path("rollback_reason").asText()).contains("RetryLimit: 2");
	}

	@Test
	void sagaWhenItsTimeoutPassesShouldAbortAndCompensate() {
		String gid = gid("saga-timeout");
		always(gid, "/TransIn", Reply.error());
		assertThat(post("submit", transfer(gid, "timeout_to_fail", 2)).status()).isEqualTo(200);
		awaitStatus(gid, "failed", Duration.ofSeconds(15));
		assertThat(query(gid).path("transaction").path("rollback_reason").asText())
			.isEqualTo("Timeout after 2 seconds");
		assertThat(trace(gid)).endsWith("/TransInRevert@compensate", "/TransOutRevert@compensate");
	}

	@Test
	void sagaWhenWaitResultAndBranchErrorsShouldAnswer409AndKeepProcessing() {
		String gid = gid("saga-wait-error");
		script(gid, "/TransIn", Reply.error());
		DtmHttp.Reply reply = post("submit", transfer(gid, "wait_result", true));
		assertUnfinished(reply);
		assertThat(this.dtm.status(gid)).isEqualTo("submitted");
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
	}

	@Test
	void sagaWhenSubmittedTwiceShouldNotCreateASecondTransaction() {
		String gid = gid("saga-twice");
		assertThat(post("submit", transfer(gid, "wait_result", true)).status()).isEqualTo(200);
		assertThat(post("submit", transfer(gid, "wait_result", true)).status()).isEqualTo(409);
		assertThat(query(gid).path("branches")).hasSize(4);
		assertThat(callsTo(gid, "/TransOut")).hasSize(1);
	}

	@Test
	void branchCallsShouldCarryBranchHeadersAndHonourRequestTimeout() {
		String gid = gid("saga-headers");
		script(gid, "/TransIn", Reply.slow(Duration.ofSeconds(5)));
		Map<String, Object> body = transfer(gid, "branch_headers", Map.of("X-Trace-Id", "abc-123"), "request_timeout",
				1, "wait_result", true);
		long started = System.nanoTime();
		DtmHttp.Reply reply = post("submit", body);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		assertThat(reply.status()).as("the slow call timed out: the saga pass ends unfinished").isEqualTo(409);
		assertUnfinished(reply);
		assertThat(elapsed).as("request_timeout of 1 s, not the 2 s default nor the 5 s reply")
			.isBetween(Duration.ofMillis(900), Duration.ofMillis(1900));
		awaitStatus(gid, "succeed", Duration.ofSeconds(15));
		assertThat(participant.calls(gid)).hasSize(3)
			.allSatisfy((call) -> assertThat(call.headers()).containsEntry("x-trace-id", "abc-123"));
	}

	@Test
	void msgWhenPreparedThenSubmittedShouldCallEveryStepInOrder() {
		String gid = gid("msg-ok");
		assertThat(post("prepare", msg(gid, List.of("/A1", "/A2"))).status()).isEqualTo(200);
		assertThat(this.dtm.status(gid)).isEqualTo("prepared");
		assertThat(post("prepare", msg(gid, List.of("/A1", "/A2"))).status()).as("prepare again").isEqualTo(200);
		assertThat(post("submit", msg(gid, List.of("/A1", "/A2"), "wait_result", true)).status()).isEqualTo(200);
		assertThat(trace(gid)).containsExactly("/A1@action", "/A2@action");
		assertThat(callsTo(gid, "/A2").get(0).body()).isEqualTo("{\"step\":\"/A2\"}");
		assertThat(callsTo(gid, "/A2").get(0).query()).containsEntry("trans_type", "msg");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
		assertThat(post("prepare", msg(gid, List.of("/A1"))).status()).isEqualTo(409);
	}

	@Test
	void msgWhenSubmittedWithoutPrepareShouldDeliverConcurrently() {
		String gid = gid("msg-conc");
		script(gid, "/A1", Reply.slow(Duration.ofMillis(500)));
		assertThat(post("submit", msg(gid, List.of("/A1", "/A2", "/A3"), "concurrent", true, "wait_result", true))
			.status()).isEqualTo(200);
		Call a1 = callsTo(gid, "/A1").get(0);
		Call a3 = callsTo(gid, "/A3").get(0);
		assertThat(a3.at()).as("A3 did not wait for the slow A1").isBefore(a1.at().plusMillis(400));
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void msgWhenAStepFailsShouldRetryItAndNeverRollBack() {
		String gid = gid("msg-retry");
		script(gid, "/A2", Reply.failure());
		assertThat(post("submit", msg(gid, List.of("/A1", "/A2"))).status()).isEqualTo(200);
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		assertThat(trace(gid)).containsExactly("/A1@action", "/A2@action", "/A2@action");
	}

	@Test
	void msgWhenDelayedShouldDeliverAfterTheDelay() {
		String gid = gid("msg-delay");
		assertThat(post("submit", msg(gid, List.of("/A1"), "custom_data", "{\"delay\":2}")).status()).isEqualTo(200);
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		JsonNode transaction = query(gid).path("transaction");
		Call a1 = callsTo(gid, "/A1").get(0);
		java.time.OffsetDateTime created = java.time.OffsetDateTime.parse(transaction.path("create_time").asText());
		assertThat(a1.at()).isAfterOrEqualTo(created.toInstant().plusSeconds(2));
	}

	@Test
	void msgWhenAbortedWhilePreparedShouldFailWithoutCalls() {
		String gid = gid("msg-abort");
		post("prepare", msg(gid, List.of("/A1")));
		DtmHttp.Reply reply = post("abort", body("gid", gid, "trans_type", "msg"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
		assertThat(participant.calls(gid)).isEmpty();
		assertThat(post("abort", body("gid", gid, "trans_type", "msg")).status()).isEqualTo(409);
	}

	@Test
	void sagaWithoutStepsShouldSucceedAtOnce() {
		String gid = gid("saga-empty");
		DtmHttp.Reply reply = post("submit", body("gid", gid, "trans_type", "saga", "wait_result", true));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(JSON.createObjectNode().put("dtm_result", "SUCCESS"));
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
		assertThat(query(gid).path("branches")).isEmpty();
		String async = gid("saga-empty-async");
		assertThat(post("submit", body("gid", async, "trans_type", "saga", "steps", List.of())).status())
			.isEqualTo(200);
		awaitStatus(async, "succeed", Duration.ofSeconds(10));
	}

	@Test
	void msgWhenSubmittedAfterPrepareWithoutStepsShouldDeliverThePreparedSteps() {
		String gid = gid("msg-submit-bare");
		assertThat(post("prepare", msg(gid, List.of("/A1", "/A2"))).status()).isEqualTo(200);
		DtmHttp.Reply reply = post("submit", body("gid", gid, "trans_type", "msg", "wait_result", true));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(trace(gid)).containsExactly("/A1@action", "/A2@action");
		assertThat(query(gid).path("branches")).hasSize(2);
	}

	@Test
	void msgWhenWaitResultAndAStepAnswersOngoingShouldAnswer409() {
		String gid = gid("msg-wait-ongoing");
		script(gid, "/A1", Reply.ongoing());
		assertUnfinished(post("submit", msg(gid, List.of("/A1"), "wait_result", true)));
		assertThat(this.dtm.status(gid)).isEqualTo("submitted");
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
	}

	@Test
	void msgWhenWaitResultAndAStepErrorsShouldAnswer500() {
		String gid = gid("msg-wait-error");
		script(gid, "/A1", Reply.error());
		DtmHttp.Reply reply = post("submit", msg(gid, List.of("/A1"), "wait_result", true));
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.json().has("dtm_result")).isFalse();
		assertThat(reply.json().path("message").asText()).contains("500");
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
	}

	@Test
	void msgPreparedWithoutQueryPreparedShouldBeSubmittedWhenItTimesOut() {
		String gid = gid("msg-no-qp");
		Map<String, Object> body = msg(gid, List.of("/A1"), "timeout_to_fail", 1);
		body.remove("query_prepared");
		DtmHttp.Reply reply = post("prepare", body);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(query(gid).path("transaction").has("query_prepared")).isFalse();
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		assertThat(trace(gid)).as("the empty check-back counts as success, as in dtm").containsExactly("/A1@action");
	}

	@Test
	void submitWhenGidHoldsSemicolonOrLineBreaksShouldStoreItWithoutThem() {
		String gid = gid("gid-escape");
		Map<String, Object> body = transfer(gid, "wait_result", true);
		body.put("gid", gid.substring(0, 4) + ";\r\n" + gid.substring(4));
		assertThat(post("submit", body).status()).isEqualTo(200);
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
		String plain = gid("gid-space");
		Map<String, Object> spaced = transfer(plain, "wait_result", true);
		spaced.put("gid", plain + " x\t");
		assertThat(post("submit", spaced).status()).as("dtm takes spaces and tabs").isEqualTo(200);
		assertThat(query(java.net.URLEncoder.encode(plain + " x\t", java.nio.charset.StandardCharsets.UTF_8))
			.path("transaction")
			.path("status")
			.asText()).isEqualTo("succeed");
	}

	@Test
	void msgCheckBackWhenQueryPreparedAnswersSuccessShouldSubmitAndDeliver() {
		String gid = gid("msg-cb-ok");
		post("prepare", msg(gid, List.of("/A1"), "timeout_to_fail", 1));
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		Call check = callsTo(gid, "/QueryPrepared").get(0);
		assertThat(check.method()).isEqualTo("GET");
		assertThat(check.query()).containsEntry("branch_id", "00").containsEntry("op", "msg");
		assertThat(trace(gid)).containsExactly("/QueryPrepared@msg", "/A1@action");
	}

	@Test
	void msgCheckBackWhenQueryPreparedAnswersFailureShouldFail() {
		String gid = gid("msg-cb-fail");
		always(gid, "/QueryPrepared", Reply.failure());
		post("prepare", msg(gid, List.of("/A1"), "timeout_to_fail", 1));
		awaitStatus(gid, "failed", Duration.ofSeconds(10));
		assertThat(trace(gid)).containsExactly("/QueryPrepared@msg");
	}

	@Test
	void msgCheckBackWhenQueryPreparedAnswersOngoingShouldAskAgainLater() {
		String gid = gid("msg-cb-ongoing");
		always(gid, "/QueryPrepared", Reply.ongoing());
		post("prepare", msg(gid, List.of("/A1"), "timeout_to_fail", 1));
		await().atMost(Duration.ofSeconds(10)).until(() -> callsTo(gid, "/QueryPrepared").size() >= 3);
		assertThat(this.dtm.status(gid)).isEqualTo("prepared");
		assertThat(callsTo(gid, "/A1")).isEmpty();
		assertThat(post("forceStop", body("gid", gid)).status()).isEqualTo(200);
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
	}

	/**
	 * dtm's answer to a wait_result call whose saga or msg pass ended unfinished.
	 */
	private static void assertUnfinished(DtmHttp.Reply reply) {
		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.json()).isEqualTo(JSON.createObjectNode()
			.put("dtm_result", "FAILURE")
			.put("message", "wait result not return success: FAILURE"));
	}

}
