package io.dtm.samples.workflow;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.workflow.DtmWorkflows;
import io.dtm.core.GlobalStatus;
import io.dtm.samples.testsupport.Coordinator;
import io.dtm.samples.testsupport.ForwardingProxy;
import io.dtm.samples.testsupport.SampleApp;
import io.dtm.samples.testsupport.SampleProcess;
import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workflow sample against the real coordinator on MariaDB, driven like the README's
 * {@code curl} lines, and killed in the middle of a workflow to see the coordinator
 * resume it.
 */
@Tag("integration")
class WorkflowSampleTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static SampleApp sample;

	private static final List<String> intercepted = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() {
		sample = SampleApp.start(WorkflowApplication.class, "workflow");
		sample.context().getBean(DtmWorkflows.class).addInterceptor((step, proceed) -> {
			intercepted.add(step.gid() + " " + step.branchId() + "-" + step.op() + " before");
			byte[] result = proceed.proceed();
			intercepted.add(step.gid() + " " + step.branchId() + "-" + step.op() + " after");
			return result;
		});
	}

	@AfterAll
	static void stop() {
		if (sample != null) {
			sample.close();
		}
	}

	@BeforeEach
	void resetAccounts() {
		sample.resetAccounts();
	}

	@Test
	void whenTransferSucceedsShouldRecordEveryStepAndAnswerTheWorkflowsResult() {
		SampleApp.Reply reply = sample.transfer("from=1&to=2&amount=30");

		assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
		assertThat(reply.body()).extractingByKey("outcome").isEqualTo("succeed: transferred 30 from 1 to 2");
		sample.awaitOutcome(reply.gid(), GlobalStatus.SUCCEED, 70, 130, 100);
		JsonNode stored = query(reply.gid());
		assertThat(stored.path("transaction").path("trans_type").asText()).isEqualTo("workflow");
		assertThat(decode(stored.path("transaction").path("result").asText())).isEqualTo("transferred 30 from 1 to 2");
		assertThat(steps(stored)).containsExactly("01-action:succeed", "02-action:succeed");
		assertThat(intercepted).as("the interceptor runs around each step, in order")
			.filteredOn((line) -> line.startsWith(reply.gid()))
			.containsExactly(reply.gid() + " 01-action before", reply.gid() + " 01-action after",
					reply.gid() + " 02-action before", reply.gid() + " 02-action after");
	}

	@Test
	void whenReceiverIsUnknownShouldRollBackTheWithdrawalAndFail() {
		SampleApp.Reply reply = sample.transfer("from=1&to=99&amount=30");

		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.body()).extractingByKey("outcome").asString().contains("no account 99");
		sample.awaitOutcome(reply.gid(), GlobalStatus.FAILED, 100, 100, 100);
		JsonNode stored = query(reply.gid());
		assertThat(stored.path("transaction").path("rollback_reason").asText()).contains("no account 99");
		assertThat(steps(stored)).as("the refused deposit is not compensated; the withdrawal is")
			.containsExactly("01-action:succeed", "02-action:failed", "01-rollback:succeed");
		assertThat(intercepted).filteredOn((line) -> line.startsWith(reply.gid()))
			.contains(reply.gid() + " 01-rollback before", reply.gid() + " 01-rollback after");
	}

	@Test
	void whenTheProcessIsKilledMidWorkflowShouldBeResumedByTheCoordinatorWithoutRepeatingRecordedSteps() {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("samples_workflow_crash");
		int port = freePort();
		String callback = "--dtm.client.workflow.callback-url=http://127.0.0.1:" + port + "/dtm/workflow/resume";
		try (ForwardingProxy bank = ForwardingProxy.start("http://127.0.0.1:" + port)) {
			String bankUrl = "--sample.bank-url=" + bank.url() + "/api";
			String gid;
			String firstLog;
			try (SampleProcess first = SampleProcess.start(WorkflowApplication.class, "workflow-crash-first", db, port,
					bankUrl, callback)) {
				bank.trapNext("/api/TransIn", first::kill);

				int status = post("http://127.0.0.1:" + port + "/api/transfer?from=1&to=2&amount=30");

				assertThat(status).as("the process died while the workflow waited for TransIn").isEqualTo(-1);
				assertThat(first.awaitExit(Duration.ofSeconds(30))).as("killed by the trap").isTrue();
				firstLog = first.logText();
			}
			assertThat(bank.calls()).hasSize(1);
			gid = bank.calls().get(0).param("gid");
			assertThat(steps(query(gid))).as("the withdrawal was recorded before the crash")
				.containsExactly("01-action:succeed");
			assertThat(query(gid).path("transaction").path("status").asText()).isEqualTo("prepared");
			assertThat(firstLog).contains("gid " + gid + " step 01 action done");

			try (SampleProcess second = SampleProcess.start(WorkflowApplication.class, "workflow-crash-second", db,
					port, bankUrl, callback)) {
				await("the coordinator resumes " + gid).atMost(Duration.ofSeconds(90))
					.pollInterval(Duration.ofMillis(250))
					.until(() -> query(gid).path("transaction").path("status").asText(), "succeed"::equals);

				JsonNode stored = query(gid);
				assertThat(decode(stored.path("transaction").path("result").asText()))
					.isEqualTo("transferred 30 from 1 to 2");
				assertThat(steps(stored)).containsExactly("01-action:succeed", "02-action:succeed");
				assertThat(bank.calls()).extracting(ForwardingProxy.Call::path)
					.as("TransIn trapped once, then called once by the resumed workflow")
					.containsExactly("/api/TransIn", "/api/TransIn");
				assertThat(second.logText()).as("the recorded withdrawal is not run again")
					.contains("gid " + gid + " step 02 action done")
					.doesNotContain("gid " + gid + " step 01");
				assertThat(balances(port)).containsExactly(70, 130, 100);
			}
		}
	}

	private static List<String> steps(JsonNode stored) {
		return JSON.convertValue(stored.path("branches"),
				new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {
				})
			.stream()
			.map((branch) -> branch.get("branch_id") + "-" + branch.get("op") + ":" + branch.get("status"))
			.toList();
	}

	private static JsonNode query(String gid) {
		String body = RestClient.create(Coordinator.url())
			.get()
			.uri("/api/dtmsvr/query?gid={gid}", gid)
			.retrieve()
			.body(String.class);
		try {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

	/** The status of a POST, -1 when the connection broke without an answer. */
	private static int post(String url) {
		try {
			return RestClient.builder().defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			}).build().post().uri(url).retrieve().toBodilessEntity().getStatusCode().value();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private static List<Integer> balances(int port) {
		List<Map<String, Object>> accounts = RestClient.create("http://127.0.0.1:" + port)
			.get()
			.uri("/api/accounts")
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
		assertThat(accounts).isNotNull();
		return accounts.stream().map((account) -> ((Number) account.get("balance")).intValue()).toList();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
