package io.dtm.server.protocol;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant.Call;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TCC, XA, branch registration and the operator endpoints of a real coordinator over
 * HTTP; subclasses bind it to a store.
 */
abstract class AbstractTccXaProtocolTests extends ProtocolTestSupport {

	@Test
	void tccWhenSubmittedShouldConfirmInReverseRegistrationOrder() {
		String gid = gid("tcc-ok");
		prepareTcc(gid, "01", "02");
		assertThat(post("submit", body("gid", gid, "trans_type", "tcc", "wait_result", true)).status()).isEqualTo(200);
		assertThat(trace(gid)).containsExactly("/Confirm02@confirm", "/Confirm01@confirm");
		Call confirm = callsTo(gid, "/Confirm01").get(0);
		assertThat(confirm.method()).isEqualTo("POST");
		assertThat(confirm.body()).isEqualTo("{\"branch\":\"01\"}");
		assertThat(confirm.query()).containsEntry("trans_type", "tcc").containsEntry("branch_id", "01");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
		assertThat(query(gid).path("branches")).extracting((b) -> b.path("op").asText())
			.containsExactly("cancel", "confirm", "cancel", "confirm");
	}

	@Test
	void tccWhenAbortedShouldCancelInReverseOrderAndFail() {
		String gid = gid("tcc-abort");
		prepareTcc(gid, "01", "02");
		DtmHttp.Reply reply = post("abort",
				body("gid", gid, "trans_type", "tcc", "wait_result", true, "rollback_reason", "try failed"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(trace(gid)).containsExactly("/Cancel02@cancel", "/Cancel01@cancel");
		JsonNode transaction = query(gid).path("transaction");
		assertThat(transaction.path("status").asText()).isEqualTo("failed");
		assertThat(transaction.path("rollback_reason").asText()).isEqualTo("try failed");
		assertThat(post("abort", body("gid", gid, "trans_type", "tcc")).status()).isEqualTo(409);
	}

	@Test
	void tccWhenLeftPreparedShouldTimeOutAndBeCancelledByTheCron() {
		String gid = gid("tcc-timeout");
		post("prepare", body("gid", gid, "trans_type", "tcc", "timeout_to_fail", 2));
		registerTcc(gid, "01");
		awaitStatus(gid, "failed", Duration.ofSeconds(15));
		assertThat(trace(gid)).containsExactly("/Cancel01@cancel");
		assertThat(query(gid).path("transaction").path("rollback_reason").asText())
			.isEqualTo("Timeout after 2 seconds");
	}

	@Test
	void tccWhenConfirmErrorsShouldRetryWithGrowingIntervalsUntilSuccess() {
		String gid = gid("tcc-retry");
		prepareTcc(gid, "01");
		script(gid, "/Confirm01", Reply.error(), Reply.error());
		assertThat(post("submit", body("gid", gid, "trans_type", "tcc")).status()).isEqualTo(200);
		awaitStatus(gid, "succeed", Duration.ofSeconds(20));
		assertGrowingIntervals(callsTo(gid, "/Confirm01"));
	}

	@Test
	void tccWhenConfirmAnswersFailureShouldRetryNotFail() {
		String gid = gid("tcc-confirm-failure");
		prepareTcc(gid, "01");
		script(gid, "/Confirm01", Reply.failure());
		post("submit", body("gid", gid, "trans_type", "tcc"));
		awaitStatus(gid, "succeed", Duration.ofSeconds(10));
		assertThat(callsTo(gid, "/Confirm01")).hasSize(2);
		assertThat(callsTo(gid, "/Cancel01")).isEmpty();
	}

	@Test
	void tccWhenBranchIdsAreNestedShouldAcceptThem() {
		String gid = gid("tcc-nested");
		prepareTcc(gid, "01", "0101");
		assertThat(post("submit", body("gid", gid, "trans_type", "tcc", "wait_result", true)).status()).isEqualTo(200);
		assertThat(trace(gid)).containsExactly("/Confirm0101@confirm", "/Confirm01@confirm");
	}

	@Test
	void xaWhenSubmittedShouldCommitInRegistrationOrderWithPost() {
		String gid = gid("xa-ok");
		prepareXa(gid, "01", "02");
		assertThat(post("submit", body("gid", gid, "trans_type", "xa", "wait_result", true)).status()).isEqualTo(200);
		assertThat(trace(gid)).containsExactly("/Xa01@commit", "/Xa02@commit");
		assertThat(participant.calls(gid)).allSatisfy((call) -> assertThat(call.method()).isEqualTo("POST"));
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
		assertThat(query(gid).path("branches")).extracting((b) -> b.path("op").asText())
			.containsExactly("rollback", "commit", "rollback", "commit");
	}

	@Test
	void xaWhenAbortedShouldRollBackEveryBranch() {
		String gid = gid("xa-abort");
		prepareXa(gid, "01", "02");
		assertThat(post("abort", body("gid", gid, "trans_type", "xa", "wait_result", true)).status()).isEqualTo(200);
		assertThat(trace(gid)).containsExactly("/Xa01@rollback", "/Xa02@rollback");
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
	}

	@Test
	void xaWhenLeftPreparedShouldTimeOutAndBeRolledBackByTheCron() {
		String gid = gid("xa-timeout");
		post("prepare", body("gid", gid, "trans_type", "xa", "timeout_to_fail", 2));
		registerXa(gid, "01");
		awaitStatus(gid, "failed", Duration.ofSeconds(15));
		assertThat(trace(gid)).containsExactly("/Xa01@rollback");
	}

	@Test
	void xaWhenCommitErrorsShouldRetryWithGrowingIntervalsUntilSuccess() {
		String gid = gid("xa-retry");
		prepareXa(gid, "01");
		script(gid, "/Xa01", Reply.error(), Reply.error());
		post("submit", body("gid", gid, "trans_type", "xa"));
		awaitStatus(gid, "succeed", Duration.ofSeconds(20));
		assertGrowingIntervals(callsTo(gid, "/Xa01"));
	}

	@Test
	void registerBranchWhenTransactionIsNotPreparedShouldAnswer409AndWriteNothing() {
		String gid = gid("reg-late");
		prepareTcc(gid, "01");
		post("abort", body("gid", gid, "trans_type", "tcc", "wait_result", true));
		DtmHttp.Reply reply = registerTcc(gid, "02");
		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.json().path("message").asText()).contains("status: prepared");
		assertThat(query(gid).path("branches")).hasSize(2);
		DtmHttp.Reply unknown = registerTcc(gid("reg-unknown"), "01");
		assertThat(unknown.status()).isEqualTo(409);
	}

	@Test
	void registerBranchWhenDuplicateShouldAnswer409() {
		String gid = gid("reg-dup");
		prepareTcc(gid, "01");
		DtmHttp.Reply reply = registerTcc(gid, "01");
		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.json().path("message").asText()).contains("already registered");
		assertThat(query(gid).path("branches")).hasSize(2);
	}

	@Test
	void registerBranchWhenRacingAnAbortShouldNeverLeaveABranchUncancelled() {
		for (int round = 0; round < 10; round++) {
			String gid = gid("reg-race");
			post("prepare", body("gid", gid, "trans_type", "tcc"));
			List<CompletableFuture<DtmHttp.Reply>> registrations = new ArrayList<>();
			for (int branch = 1; branch <= 4; branch++) {
				String branchId = String.format("%02d", branch);
				registrations.add(CompletableFuture.supplyAsync(() -> registerTcc(gid, branchId)));
			}
			CompletableFuture<DtmHttp.Reply> abort = CompletableFuture
				.supplyAsync(() -> post("abort", body("gid", gid, "trans_type", "tcc")));
			registrations.forEach(CompletableFuture::join);
			assertThat(abort.join().status()).isEqualTo(200);
			awaitStatus(gid, "failed", Duration.ofSeconds(10));
			JsonNode branches = query(gid).path("branches");
			List<String> registered = new ArrayList<>();
			branches.forEach((b) -> {
				if (b.path("op").asText().equals("cancel")) {
					registered.add(b.path("branch_id").asText());
					assertThat(b.path("status").asText()).as("branch %s of %s", b.path("branch_id"), gid)
						.isEqualTo("succeed");
				}
			});
			long accepted = registrations.stream().filter((r) -> r.join().status() == 200).count();
			assertThat(registered).hasSize((int) accepted);
			assertThat(callsTo(gid, "/Cancel01").size() + callsTo(gid, "/Cancel02").size()
					+ callsTo(gid, "/Cancel03").size() + callsTo(gid, "/Cancel04").size())
				.isEqualTo(registered.size());
		}
	}

	@Test
	void forceStopShouldFailAnUnfinishedTransactionWithoutCalls() {
		String gid = gid("force");
		always(gid, "/TransIn", Reply.error());
		post("submit", transfer(gid));
		assertThat(post("forceStop", body("gid", gid)).status()).isEqualTo(200);
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
		assertThat(query(gid).path("transaction").has("rollback_reason")).as("dtm stores no reason").isFalse();
		int calls = participant.calls(gid).size();
		assertThat(trace(gid)).doesNotContain("/TransOutRevert@compensate");
		assertThat(post("forceStop", body("gid", gid)).status()).isEqualTo(409);
		assertThat(participant.calls(gid)).hasSize(calls);
	}

	@Test
	void resetNextCronTimeShouldRetryABackedOffTransactionNow() {
		String gid = gid("reset-next");
		script(gid, "/TransIn", Reply.error());
		post("submit", transfer(gid, "retry_interval", 60));
		awaitBackOff(gid, 120);
		assertThat(post("resetNextCronTime", body("gid", gid)).status()).isEqualTo(200);
		awaitStatus(gid, "succeed", Duration.ofSeconds(15));
		assertThat(post("resetNextCronTime", body("gid", gid)).status()).as("finished").isEqualTo(200);
	}

	@Test
	void resetNextCronTimeWhenFinishedShouldAnswer200AndSetNextCronTimeToNow() {
		String gid = gid("reset-done");
		assertThat(post("submit", transfer(gid, "wait_result", true)).status()).isEqualTo(200);
		OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
		DtmHttp.Reply reply = post("resetNextCronTime", body("gid", gid));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(JSON.createObjectNode().put("dtm_result", "SUCCESS"));
		JsonNode transaction = query(gid).path("transaction");
		assertThat(transaction.path("status").asText()).isEqualTo("succeed");
		assertThat(OffsetDateTime.parse(transaction.path("next_cron_time").asText())).isAfterOrEqualTo(before)
			.isBeforeOrEqualTo(OffsetDateTime.now().plusSeconds(1));
		DtmHttp.Reply unknown = post("resetNextCronTime", body("gid", gid("reset-unknown")));
		assertThat(unknown.status()).isEqualTo(500);
		assertThat(unknown.json().has("dtm_result")).isFalse();
	}

	@Test
	void forceStopShouldKeepAStoredRollbackReason() {
		String gid = gid("force-reason");
		prepareTcc(gid, "01");
		always(gid, "/Cancel01", Reply.error());
		post("abort", body("gid", gid, "trans_type", "tcc", "rollback_reason", "user cancelled"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "aborting".equals(this.dtm.status(gid)));
		assertThat(post("forceStop", body("gid", gid)).status()).isEqualTo(200);
		JsonNode transaction = query(gid).path("transaction");
		assertThat(transaction.path("status").asText()).isEqualTo("failed");
		assertThat(transaction.path("rollback_reason").asText()).isEqualTo("user cancelled");
	}

	@Test
	void resetCronTimeShouldPullBackFarFutureTransactions() {
		String gid = gid("reset-all");
		script(gid, "/TransIn", Reply.error());
		post("submit", transfer(gid, "retry_interval", 600));
		awaitBackOff(gid, 1200);
		JsonNode reply = this.dtm.get("/api/dtmsvr/resetCronTime?timeout=100&limit=1000").json();
		assertThat(reply.path("succeed_count").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(reply.path("has_remaining").asBoolean()).isFalse();
		awaitStatus(gid, "succeed", Duration.ofSeconds(15));
	}

	@Test
	void msgToATopicShouldCallEverySubscriberWithNumberedBranchIds() {
		String gid = gid("topic");
		String topic = "orders-" + gid;
		assertThat(subscribe(topic, url(gid, "/SubA"), "first").status()).isEqualTo(200);
		assertThat(subscribe(topic, url(gid, "/SubB"), "").status()).isEqualTo(200);
		assertThat(subscribe(topic, url(gid, "/SubB"), "").status()).as("duplicate subscriber").isEqualTo(409);
		Map<String, Object> body = body("gid", gid, "trans_type", "msg", "wait_result", true, "steps",
				List.of(Map.of("action", "topic://" + topic), Map.of("action", url(gid, "/Direct"))), "payloads",
				List.of("{\"order\":1}", "{}"));
		assertThat(post("submit", body).status()).isEqualTo(200);
		assertThat(trace(gid)).containsExactly("/SubA@action", "/SubB@action", "/Direct@action");
		assertThat(callsTo(gid, "/SubB").get(0).query()).containsEntry("branch_id", "01-02");
		assertThat(callsTo(gid, "/SubB").get(0).body()).isEqualTo("{\"order\":1}");
		assertThat(query(gid).path("branches")).extracting((b) -> b.path("branch_id").asText())
			.containsExactly("01-01", "01-02", "02");
		JsonNode kv = this.dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).json().path("kv");
		assertThat(kv).hasSize(1);
		assertThat(kv.get(0).path("v").asText()).contains("SubA").contains("first");
		assertThat(kv.get(0).path("version").asInt()).isEqualTo(2);
		JsonNode scan = this.dtm.get("/api/dtmsvr/scanKV?cat=topics&limit=1000").json();
		assertThat(scan.path("kv")).extracting((row) -> row.path("k").asText()).contains(topic);
		assertThat(this.dtm.get("/api/dtmsvr/unsubscribe?topic=" + topic + "&url=" + url(gid, "/SubA")).status())
			.isEqualTo(200);
		assertThat(this.dtm.get("/api/dtmsvr/unsubscribe?topic=" + topic + "&url=" + url(gid, "/SubA")).status())
			.isEqualTo(500);
		assertThat(
				this.dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).json().path("kv").get(0).path("v").asText())
			.doesNotContain("SubA");
	}

	@Test
	void unsubscribeOfTheLastSubscriberShouldKeepTheEmptyTopicWithANewVersion() {
		String gid = gid("topic-last");
		String topic = "last-" + gid;
		assertThat(subscribe(topic, url(gid, "/Sub"), "").status()).isEqualTo(200);
		DtmHttp.Reply reply = this.dtm.get("/api/dtmsvr/unsubscribe?topic=" + topic + "&url=" + url(gid, "/Sub"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(JSON.createObjectNode().put("dtm_result", "SUCCESS"));
		JsonNode kv = this.dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).json().path("kv");
		assertThat(kv).hasSize(1);
		assertThat(kv.get(0).path("v").asText()).isEqualTo("[]");
		assertThat(kv.get(0).path("version").asInt()).isEqualTo(2);
		assertThat(this.dtm.delete("/api/dtmsvr/topic/" + topic).status()).isEqualTo(200);
		assertThat(this.dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).json().path("kv")).isEmpty();
	}

	@Test
	void subscribeShouldTakeAnyNonEmptyUrlAsDtmDoes() {
		String topic = "grpc-" + gid("topic");
		assertThat(subscribe(topic, "localhost:58081/busi.Busi/TransIn", "grpc").status()).isEqualTo(200);
		assertThat(subscribe(topic, "discovery:///busi/api/TransIn", "").status()).isEqualTo(200);
		JsonNode kv = this.dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).json().path("kv");
		assertThat(kv.get(0).path("v").asText()).contains("localhost:58081/busi.Busi/TransIn",
				"discovery:///busi/api/TransIn");
		DtmHttp.Reply empty = this.dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=");
		assertThat(empty.status()).as("dtm refuses an empty url").isEqualTo(400);
		assertThat(empty.json().path("message").asText()).isEqualTo("url is missing");
	}

	@Test
	void scanKvShouldClampTheLimitAndTakeAMissingCat() {
		String topic = "scan-" + gid("topic");
		subscribe(topic, "http://127.0.0.1:9/sub", "");
		DtmHttp.Reply big = this.dtm.get("/api/dtmsvr/scanKV?cat=topics&limit=20000");
		assertThat(big.status()).isEqualTo(200);
		assertThat(big.json().path("kv")).extracting((row) -> row.path("k").asText()).contains(topic);
		DtmHttp.Reply noCat = this.dtm.get("/api/dtmsvr/scanKV");
		assertThat(noCat.status()).isEqualTo(200);
		assertThat(noCat.json()).isEqualTo(JSON
			.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("kv", JSON.createArrayNode())
			.put("next_position", ""));
		DtmHttp.Reply all = this.dtm.get("/api/dtmsvr/all?limit=20000");
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().path("transactions").size()).isLessThanOrEqualTo(10_000);
		assertThat(this.dtm.get("/api/dtmsvr/all?limit=0").status()).isEqualTo(400);
	}

	@Test
	void msgToATopicWithoutSubscribersShouldBeRefusedAndWriteNothing() {
		String gid = gid("topic-empty");
		String topic = "empty-" + gid;
		subscribe(topic, url(gid, "/Sub"), "");
		assertThat(this.dtm.delete("/api/dtmsvr/topic/" + topic).status()).isEqualTo(200);
		assertThat(this.dtm.delete("/api/dtmsvr/topic/" + topic).status()).isEqualTo(500);
		DtmHttp.Reply reply = post("prepare", body("gid", gid, "trans_type", "msg", "query_prepared",
				url(gid, "/Query"), "steps", List.of(Map.of("action", "topic://" + topic)), "payloads", List.of("{}")));
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.json()).isEqualTo(JSON.createObjectNode().put("message", "topic not found"));
		assertThat(query(gid).path("transaction").isNull()).isTrue();
		subscribe(topic, url(gid, "/Sub"), "");
		this.dtm.get("/api/dtmsvr/unsubscribe?topic=" + topic + "&url=" + url(gid, "/Sub"));
		DtmHttp.Reply emptied = post("submit", body("gid", gid, "trans_type", "msg", "steps",
				List.of(Map.of("action", "topic://" + topic)), "payloads", List.of("{}")));
		assertThat(emptied.status()).isEqualTo(500);
		assertThat(emptied.json()).isEqualTo(JSON.createObjectNode().put("message", "topic not found"));
		assertThat(query(gid).path("transaction").isNull()).isTrue();
	}

	private DtmHttp.Reply subscribe(String topic, String subscriber, String remark) {
		return this.dtm.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + subscriber + "&remark=" + remark);
	}

	/**
	 * Wait until the failed first pass has stored its doubled interval, so a reset is not
	 * overwritten.
	 */
	private void awaitBackOff(String gid, int interval) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> query(gid).path("transaction").path("next_cron_interval").asInt() == interval);
	}

	private static void assertGrowingIntervals(List<Call> calls) {
		assertThat(calls).hasSize(3);
		Duration first = Duration.between(calls.get(0).at(), calls.get(1).at());
		Duration second = Duration.between(calls.get(1).at(), calls.get(2).at());
		assertThat(second).as("back-off doubles").isGreaterThan(first.plusMillis(800));
	}

	private void prepareTcc(String gid, String... branchIds) {
		assertThat(post("prepare", body("gid", gid, "trans_type", "tcc")).status()).isEqualTo(200);
		for (String branchId : branchIds) {
			assertThat(registerTcc(gid, branchId).status()).isEqualTo(200);
		}
	}

	private void prepareXa(String gid, String... branchIds) {
		assertThat(post("prepare", body("gid", gid, "trans_type", "xa")).status()).isEqualTo(200);
		for (String branchId : branchIds) {
			assertThat(registerXa(gid, branchId).status()).isEqualTo(200);
		}
	}

	private DtmHttp.Reply registerTcc(String gid, String branchId) {
		return post("registerBranch",
				Map.of("gid", gid, "trans_type", "tcc", "branch_id", branchId, "confirm",
						url(gid, "/Confirm" + branchId), "cancel", url(gid, "/Cancel" + branchId), "data",
						"{\"branch\":\"" + branchId + "\"}"));
	}

	private DtmHttp.Reply registerXa(String gid, String branchId) {
		return post("registerXaBranch",
				Map.of("gid", gid, "trans_type", "xa", "branch_id", branchId, "url", url(gid, "/Xa" + branchId)));
	}

}
