package io.dtm.server.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * dtm's workflow protocol over HTTP, exchanged as dtm's Go workflow SDK does it: the
 * client prepares the workflow ({@code prepareWorkflow}), records every step
 * ({@code registerBranch} with op and status), reads its recorded steps back when it runs
 * again, and submits the outcome with {@code req_extra}; the coordinator resumes an
 * unfinished workflow by calling its {@code query_prepared} URL. Subclasses bind it to a
 * store.
 */
abstract class AbstractWorkflowProtocolTests extends ProtocolTestSupport {

	private static final String INPUT = "{\"amount\":30}";

	@Test
	void whenAWorkflowIsPreparedShouldAnswerItPreparedWithNoProgress() {
		String gid = gid("wf-new");

		DtmHttp.Reply reply = post("prepareWorkflow", workflow(gid));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().path("transaction").path("gid").asText()).isEqualTo(gid);
		assertThat(reply.json().path("transaction").path("status").asText()).isEqualTo("prepared");
		assertThat(reply.json().path("progresses")).isEmpty();
		assertThat(query(gid).path("transaction").path("trans_type").asText()).isEqualTo("workflow");
	}

	@Test
	void whenStepsWereRecordedShouldAnswerThemOnTheNextPrepare() {
		String gid = gid("wf-replay");
		post("prepareWorkflow", workflow(gid));

		assertThat(step(gid, "01", "action", "succeed", "out-ok").status()).isEqualTo(200);
		assertThat(step(gid, "02", "business", "succeed", "").status()).as("DoXa's marker").isEqualTo(200);
		assertThat(step(gid, "02", "action", "failed", "no stock").status()).isEqualTo(200);
		assertThat(step(gid, "01", "rollback", "succeed", "").status()).isEqualTo(200);
		JsonNode again = post("prepareWorkflow", workflow(gid)).json();

		assertThat(again.path("transaction").path("status").asText()).isEqualTo("prepared");
		assertThat(again.path("progresses"))
			.extracting(
					(p) -> p.path("branch_id").asText() + "-" + p.path("op").asText() + ":" + p.path("status").asText())
			.containsExactly("01-action:succeed", "02-business:succeed", "02-action:failed", "01-rollback:succeed");
		assertThat(again.path("progresses").get(0).path("bin_data").asText()).isEqualTo(base64("out-ok"));
	}

	@Test
	void whenSubmittedAsSucceededShouldStoreTheResultAndAnswerItOnAReplay() {
		String gid = gid("wf-ok");
		post("prepareWorkflow", workflow(gid));
		step(gid, "01", "action", "succeed", "");

		DtmHttp.Reply submitted = post("submit", body("gid", gid, "trans_type", "workflow", "req_extra",
				Map.of("status", "succeed", "rollback_reason", "", "result", base64("done"))));

		assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
		JsonNode stored = query(gid).path("transaction");
		assertThat(stored.path("status").asText()).isEqualTo("succeed");
		assertThat(stored.path("result").asText()).isEqualTo(base64("done"));
		JsonNode replay = post("prepareWorkflow", workflow(gid)).json();
		assertThat(replay.path("transaction").path("status").asText()).isEqualTo("succeed");
		assertThat(replay.path("transaction").path("result").asText()).isEqualTo(base64("done"));
		assertThat(post("submit", body("gid", gid, "trans_type", "workflow", "req_extra", Map.of("status", "failed")))
			.status()).as("a finished workflow is not submitted again").isEqualTo(409);
	}

	@Test
	void whenSubmittedAsFailedShouldStoreTheRollbackReason() {
		String gid = gid("wf-fail");
		post("prepareWorkflow", workflow(gid));

		post("submit", body("gid", gid, "trans_type", "workflow", "req_extra",
				Map.of("status", "failed", "rollback_reason", "no stock", "result", "")));

		JsonNode stored = query(gid).path("transaction");
		assertThat(stored.path("status").asText()).isEqualTo("failed");
		assertThat(stored.path("rollback_reason").asText()).isEqualTo("no stock");
		assertThat(post("prepareWorkflow", workflow(gid)).json().path("transaction").path("rollback_reason").asText())
			.isEqualTo("no stock");
	}

	@Test
	void whenTheCallbackAnswersOngoingShouldResumeAtTheSameIntervalUntilSubmitted() {
		String gid = gid("wf-ongoing");
		always(gid, "/resume", Reply.ongoing());
		Map<String, Object> workflow = workflow(gid);
		workflow.put("timeout_to_fail", 1);
		workflow.put("retry_interval", 1);

		post("prepareWorkflow", workflow);

		await().atMost(Duration.ofSeconds(20)).until(() -> callsTo(gid, "/resume").size() >= 3);
		List<Call> calls = callsTo(gid, "/resume");
		Call resume = calls.get(0);
		assertThat(resume.method()).isEqualTo("POST");
		assertThat(resume.query()).containsEntry("gid", gid)
			.containsEntry("trans_type", "workflow")
			.containsEntry("branch_id", "00")
			.containsEntry("op", "transfer");
		assertThat(resume.body()).isEqualTo(INPUT);
		assertThat(gap(calls, 1)).as("ONGOING keeps the interval (1 s)")
			.isBetween(Duration.ofMillis(500), Duration.ofMillis(2500));
		assertThat(this.dtm.status(gid)).as("a callback's answer changes no status").isEqualTo("prepared");
		submitAndExpectNoMoreCallbacks(gid);
	}

	@Test
	void whenTheCallbackFailsShouldResumeWithGrowingIntervalsUntilSubmitted() {
		String gid = gid("wf-error");
		always(gid, "/resume", Reply.error());
		Map<String, Object> workflow = workflow(gid);
		workflow.put("timeout_to_fail", 1);
		workflow.put("retry_interval", 1);

		post("prepareWorkflow", workflow);

		await().atMost(Duration.ofSeconds(30)).until(() -> callsTo(gid, "/resume").size() >= 3);
		List<Call> calls = callsTo(gid, "/resume");
		assertThat(gap(calls, 1)).as("an error doubles the interval: 2 s, then 4 s")
			.isGreaterThanOrEqualTo(gap(calls, 0).plusMillis(1000));
		assertThat(this.dtm.status(gid)).as("a callback's error changes no status").isEqualTo("prepared");
		submitAndExpectNoMoreCallbacks(gid);
	}

	@Test
	void whenSubmittedWithWaitResultShouldAnswerAtOnceAsDtmDoes() {
		String gid = gid("wf-wait");
		Map<String, Object> workflow = workflow(gid);
		workflow.put("wait_result", true);
		post("prepareWorkflow", workflow);
		step(gid, "01", "action", "failed", "no stock");

		DtmHttp.Reply submitted = post("submit", body("gid", gid, "trans_type", "workflow", "wait_result", true,
				"req_extra", Map.of("status", "failed", "rollback_reason", "no stock")));

		assertThat(submitted.status())
			.as("dtm answers a workflow's submit at once, whatever its outcome: %s", submitted.body())
			.isEqualTo(200);
		assertThat(submitted.json().path("dtm_result").asText()).isEqualTo("SUCCESS");
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
		assertThat(callsTo(gid, "/resume")).as("a finished workflow is never resumed").isEmpty();
	}

	@Test
	void whenAFinishedWorkflowIsExecutedAgainShouldAnswerItsOutcomeAndRecordNothing() {
		String gid = gid("wf-again");
		post("prepareWorkflow", workflow(gid));
		step(gid, "01", "action", "succeed", "out-ok");
		post("submit", body("gid", gid, "trans_type", "workflow", "req_extra",
				Map.of("status", "succeed", "result", base64("done"))));

		JsonNode again = post("prepareWorkflow", workflow(gid)).json();

		assertThat(again.path("transaction").path("status").asText()).isEqualTo("succeed");
		assertThat(again.path("transaction").path("result").asText()).isEqualTo(base64("done"));
		assertThat(again.path("progresses"))
			.extracting((p) -> p.path("branch_id").asText() + "-" + p.path("op").asText())
			.containsExactly("01-action");
		assertThat(step(gid, "02", "action", "succeed", "").status())
			.as("dtm refuses a step of a finished workflow with FAILURE")
			.isEqualTo(409);
		assertThat(query(gid).path("branches")).hasSize(1);
	}

	@Test
	void whenAWorkflowRollsBackShouldKeepItsCompensationsInTheOrderTheClientRanThem() {
		String gid = gid("wf-rollback");
		post("prepareWorkflow", workflow(gid));
		step(gid, "01", "action", "succeed", "");
		step(gid, "02", "action", "succeed", "");
		step(gid, "03", "action", "failed", "card declined");
		step(gid, "02", "rollback", "succeed", "");
		step(gid, "01", "rollback", "succeed", "");

		post("submit", body("gid", gid, "trans_type", "workflow", "req_extra",
				Map.of("status", "failed", "rollback_reason", "card declined")));

		assertThat(query(gid).path("branches"))
			.extracting(
					(b) -> b.path("branch_id").asText() + "-" + b.path("op").asText() + ":" + b.path("status").asText())
			.containsExactly("01-action:succeed", "02-action:succeed", "03-action:failed", "02-rollback:succeed",
					"01-rollback:succeed");
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
	}

	private void submitAndExpectNoMoreCallbacks(String gid) {
		DtmHttp.Reply submitted = post("submit",
				body("gid", gid, "trans_type", "workflow", "req_extra", Map.of("status", "succeed")));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
		int calls = callsTo(gid, "/resume").size();
		await().during(Duration.ofMillis(2500))
			.atMost(Duration.ofSeconds(4))
			.until(() -> callsTo(gid, "/resume").size() <= calls + 1);
		assertThat(callsTo(gid, "/resume").size()).as("at most a call already under way when it was submitted")
			.isLessThanOrEqualTo(calls + 1);
	}

	private static Duration gap(List<Call> calls, int index) {
		return Duration.between(calls.get(index).at(), calls.get(index + 1).at());
	}

	@Test
	void whenWorkflowInputIsBadShouldAnswer400AndStoreNothing() {
		String gid = gid("wf-bad");
		Map<String, Object> noName = workflow(gid);
		noName.put("custom_data", "{\"data\":\"\"}");

		DtmHttp.Reply badShape = post("prepareWorkflow", noName);
		DtmHttp.Reply notWorkflow = post("prepareWorkflow", transfer(gid));
		DtmHttp.Reply plainPrepare = post("prepare", workflow(gid));

		assertThat(badShape.status()).isEqualTo(400);
		assertThat(badShape.json().path("message").asText()).startsWith("custom_data of a workflow must be");
		assertThat(notWorkflow.status()).isEqualTo(400);
		assertThat(plainPrepare.status()).isEqualTo(400);
		assertThat(query(gid).path("transaction").isNull()).isTrue();
		post("prepareWorkflow", workflow(gid));
		assertThat(step(gid, "01", "action", "prepared", "").status()).isEqualTo(400);
		assertThat(step(gid, "01", "compensate-nothing", "succeed", "").status()).isEqualTo(400);
		assertThat(step(gid, "01", "workflow", "succeed", "").status()).isEqualTo(400);
		assertThat(
				post("submit", body("gid", gid, "trans_type", "workflow", "req_extra", Map.of("status", "submitted")))
					.status())
			.isEqualTo(400);
		assertThat(query(gid).path("branches")).isEmpty();
		assertThat(this.dtm.status(gid)).isEqualTo("prepared");
	}

	private Map<String, Object> workflow(String gid) {
		return body("gid", gid, "trans_type", "workflow", "custom_data",
				"{\"name\":\"transfer\",\"data\":\"" + base64(INPUT) + "\"}", "query_prepared", url(gid, "/resume"),
				"protocol", "http");
	}

	private DtmHttp.Reply step(String gid, String branchId, String op, String status, String data) {
		return post("registerBranch", body("gid", gid, "trans_type", "workflow", "branch_id", branchId, "op", op,
				"status", status, "data", data));
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
