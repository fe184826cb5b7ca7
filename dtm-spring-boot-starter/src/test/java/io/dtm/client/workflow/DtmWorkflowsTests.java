package io.dtm.client.workflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.barrier.BarrierOutcome;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.BranchOp;
import io.dtm.core.TransType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DtmWorkflows} against a fake coordinator that records the wire calls.
 */
class DtmWorkflowsTests {

	private FakeWorkflowCoordinator dtm;

	private DtmWorkflows workflows;

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		this.dtm = new FakeWorkflowCoordinator();
		this.workflows = new DtmWorkflows(RestClient.create(), this.dtm::apiUrl, new ObjectMapper());
		this.workflows.setCallbackUrl("http://app:8080/dtm/workflow/resume");
	}

	@AfterEach
	void tearDown() {
		this.dtm.close();
	}

	@Test
	void whenExecutedShouldPrepareTheWorkflowWithItsNameAndPayload() {
		this.workflows.register("noop", String.class, (wf, payload) -> payload.toUpperCase());
		WorkflowResult result = this.workflows.execute("noop", "g-noop", "hello");
		assertThat(result.asText()).isEqualTo("HELLO");
		JsonNode prepare = this.dtm.bodies("/api/dtmsvr/prepareWorkflow").get(0);
		assertThat(prepare.path("gid").asText()).isEqualTo("g-noop");
		assertThat(prepare.path("trans_type").asText()).isEqualTo("workflow");
		assertThat(prepare.path("protocol").asText()).isEqualTo("http");
		assertThat(prepare.path("query_prepared").asText()).isEqualTo("http://app:8080/dtm/workflow/resume");
		JsonNode custom = read(prepare.path("custom_data").asText());
		assertThat(custom.path("name").asText()).isEqualTo("noop");
		assertThat(decode(custom.path("data").asText())).isEqualTo("hello");
	}

	@Test
	void whenEveryStepSucceedsShouldRecordStepsRunCommitsAndSubmitSucceeded() {
		String busi = this.dtm.baseUrl() + "/busi";
		this.workflows.register("transfer", Transfer.class, (wf, transfer) -> {
			String out = wf.branch()
				.onRollback(busi + "/transOutRevert", transfer)
				.onCommit((barrier) -> this.ran.add("commit " + barrier.getBranchId() + " " + barrier.getOp()))
				.call(busi + "/transOut", transfer);
			Integer reserved = wf.local("reserve", Integer.class, (barrier) -> transfer.amount() * 2);
			return new Outcome(out, reserved);
		});
		this.dtm.answer("/busi/transOut", 200, "{\"ok\":true}");

		Outcome outcome = this.workflows.execute("transfer", "g-ok", new Transfer("alice", 30)).as(Outcome.class);

		assertThat(outcome).isEqualTo(new Outcome("{\"ok\":true}", 60));
		FakeWorkflowCoordinator.Request call = this.dtm.requests("/busi/transOut").get(0);
		assertThat(call.method()).isEqualTo("POST");
		assertThat(call.query()).isEqualTo("gid=g-ok&trans_type=workflow&branch_id=01&op=action");
		assertThat(read(call.body()).path("user").asText()).isEqualTo("alice");
		assertThat(this.dtm.requests("/busi/transOutRevert")).isEmpty();
		assertThat(this.ran).containsExactly("commit 01 commit");
		List<JsonNode> registered = this.dtm.bodies("/api/dtmsvr/registerBranch");
		assertThat(registered)
			.extracting(
					(b) -> b.path("branch_id").asText() + " " + b.path("op").asText() + " " + b.path("status").asText())
			.containsExactly("01 action succeed", "02 action succeed", "01 commit succeed");
		assertThat(registered).allSatisfy((b) -> {
			assertThat(b.path("gid").asText()).isEqualTo("g-ok");
			assertThat(b.path("trans_type").asText()).isEqualTo("workflow");
		});
		assertThat(registered.get(0).path("data").asText()).isEqualTo("{\"ok\":true}");
		assertThat(registered.get(1).path("data").asText()).isEqualTo("60");
		assertThat(registered.get(2).path("data").asText()).isEmpty();
		JsonNode submit = this.dtm.bodies("/api/dtmsvr/submit").get(0);
		assertThat(submit.path("gid").asText()).isEqualTo("g-ok");
		assertThat(submit.path("trans_type").asText()).isEqualTo("workflow");
		assertThat(submit.path("req_extra").path("status").asText()).isEqualTo("succeed");
		assertThat(submit.path("req_extra").path("rollback_reason").asText()).isEmpty();
		assertThat(read(decode(submit.path("req_extra").path("result").asText())).path("reserved").asInt())
			.isEqualTo(60);
	}

	@Test
	void whenAStepRefusesShouldRunRollbacksInReverseAndSubmitFailed() {
		String busi = this.dtm.baseUrl() + "/busi";
		this.dtm.answer("/busi/transIn", 409, "{\"dtm_result\":\"FAILURE\",\"message\":\"account closed\"}");
		this.workflows.register("transfer", (wf, payload) -> {
			wf.branch()
				.onRollback((barrier) -> this.ran.add("rollback " + barrier.getBranchId()))
				.local(String.class, (barrier) -> "a");
			wf.branch().onRollback(busi + "/transOutRevert", payload).call(busi + "/transOut", payload);
			wf.branch().onRollback((barrier) -> this.ran.add("rollback 03")).call(busi + "/transIn", payload);
			this.ran.add("not reached");
			return null;
		});

		assertThatExceptionOfType(DtmFailure.class)
			.isThrownBy(() -> this.workflows.execute("transfer", "g-fail", "{\"amount\":30}"))
			.withMessageContaining("account closed");

		assertThat(this.ran).containsExactly("rollback 01");
		FakeWorkflowCoordinator.Request revert = this.dtm.requests("/busi/transOutRevert").get(0);
		assertThat(revert.query()).isEqualTo("gid=g-fail&trans_type=workflow&branch_id=02&op=rollback");
		assertThat(this.dtm.bodies("/api/dtmsvr/registerBranch"))
			.extracting(
					(b) -> b.path("branch_id").asText() + " " + b.path("op").asText() + " " + b.path("status").asText())
			.containsExactly("01 action succeed", "02 action succeed", "03 action failed", "02 rollback succeed",
					"01 rollback succeed");
		assertThat(this.dtm.bodies("/api/dtmsvr/registerBranch").get(2).path("data").asText())
			.contains("account closed");
		JsonNode extra = this.dtm.bodies("/api/dtmsvr/submit").get(0).path("req_extra");
		assertThat(extra.path("status").asText()).isEqualTo("failed");
		assertThat(extra.path("rollback_reason").asText()).contains("account closed");
	}

	@Test
	void whenProgressIsRecordedShouldReplayRecordedStepsAndRunTheRest() {
		this.dtm.replyToPrepare("""
				{"transaction":{"gid":"g-replay","status":"prepared"},"progresses":[
				{"branch_id":"01","op":"action","status":"succeed","bin_data":"%s"}]}
				""".formatted(encode("41")));
		AtomicInteger first = new AtomicInteger();
		AtomicInteger second = new AtomicInteger();
		this.workflows.register("replay", (wf, payload) -> {
			int a = wf.local(Integer.class, (barrier) -> 100 + first.incrementAndGet());
			int b = wf.local(Integer.class, (barrier) -> 1 + second.incrementAndGet());
			return a + b;
		});

		assertThat(this.workflows.execute("replay", "g-replay", "").asText()).isEqualTo("43");

		assertThat(first).hasValue(0);
		assertThat(second).hasValue(1);
		assertThat(this.dtm.bodies("/api/dtmsvr/registerBranch"))
			.extracting((b) -> b.path("branch_id").asText() + " " + b.path("data").asText())
			.containsExactly("02 2");
	}

	@Test
	void whenAFailedStepIsRecordedShouldReplayTheFailureAndRollBackWithoutRunningIt() {
		this.dtm.replyToPrepare("""
				{"transaction":{"status":"prepared"},"progresses":[
				{"branch_id":"01","op":"action","status":"succeed","bin_data":"%s"},
				{"branch_id":"02","op":"action","status":"failed","bin_data":"%s"},
				{"branch_id":"01","op":"rollback","status":"succeed","bin_data":""}]}
				""".formatted(encode("x"), encode("out of stock")));
		this.workflows.register("order", (wf, payload) -> {
			wf.branch().onRollback((barrier) -> this.ran.add("rollback 01")).local(String.class, (barrier) -> {
				this.ran.add("action 01");
				return "x";
			});
			wf.branch().onRollback((barrier) -> this.ran.add("rollback 02")).local(String.class, (barrier) -> {
				this.ran.add("action 02");
				return "y";
			});
			return null;
		});

		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.workflows.execute("order", "g-f", ""))
			.withMessage("out of stock");

		assertThat(this.ran).isEmpty();
		assertThat(this.dtm.requests("/api/dtmsvr/registerBranch")).isEmpty();
		assertThat(this.dtm.bodies("/api/dtmsvr/submit").get(0).path("req_extra").path("rollback_reason").asText())
			.isEqualTo("out of stock");
	}

	@Test
	void whenTheWorkflowHasSucceededShouldReturnItsResultWithoutRunning() {
		this.dtm.replyToPrepare(
				"{\"transaction\":{\"status\":\"succeed\",\"result\":\"" + encode("done") + "\"},\"progresses\":[]}");
		this.workflows.register("done", (wf, payload) -> {
			this.ran.add("ran");
			return null;
		});

		assertThat(this.workflows.execute("done", "g-done", "").asText()).isEqualTo("done");
		assertThat(this.ran).isEmpty();
		assertThat(this.dtm.requests("/api/dtmsvr/submit")).isEmpty();
	}

	@Test
	void whenTheWorkflowHasFailedShouldThrowItsRollbackReason() {
		this.dtm.replyToPrepare("{\"transaction\":{\"status\":\"failed\",\"rollback_reason\":\"no money\"}}");
		this.workflows.register("failed", (wf, payload) -> null);

		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.workflows.execute("failed", "g", ""))
			.withMessage("no money");
	}

	@Test
	void whenAStepIsOngoingShouldNeitherRecordNorSubmit() {
		this.dtm.answer("/busi/slow", 425, "{\"dtm_result\":\"ONGOING\"}");
		String url = this.dtm.baseUrl() + "/busi/slow";
		this.workflows.register("slow", (wf, payload) -> wf.branch().call(url, payload));

		assertThatExceptionOfType(DtmOngoing.class).isThrownBy(() -> this.workflows.execute("slow", "g-slow", "{}"));

		assertThat(this.dtm.requests("/api/dtmsvr/registerBranch")).isEmpty();
		assertThat(this.dtm.requests("/api/dtmsvr/submit")).isEmpty();
	}

	@Test
	void whenStepsRunShouldCallInterceptorsAroundEachExecutedStepInOrder() {
		this.dtm.replyToPrepare("""
				{"transaction":{"status":"prepared"},"progresses":[
				{"branch_id":"01","op":"action","status":"succeed","bin_data":"%s"}]}
				""".formatted(encode("r")));
		this.workflows.addInterceptor((step, proceed) -> {
			this.ran.add("outer> " + step.branchId() + " " + step.op() + " " + step.name());
			byte[] result = proceed.proceed();
			this.ran.add("outer< " + new String(result, StandardCharsets.UTF_8));
			return result;
		});
		this.workflows.addInterceptor((step, proceed) -> {
			this.ran.add("inner " + step.workflow() + " " + step.gid());
			return proceed.proceed();
		});
		this.workflows.register("seen", (wf, payload) -> {
			wf.local("replayed", String.class, (barrier) -> "never");
			wf.branch().onCommit((barrier) -> this.ran.add("commit")).local(String.class, (barrier) -> "new");
			return null;
		});

		this.workflows.execute("seen", "g-i", "");

		assertThat(this.ran).containsExactly("outer> 02 action null", "inner seen g-i", "outer< new",
				"outer> 02 commit null", "inner seen g-i", "commit", "outer< ");
	}

	@Test
	void whenLocalStepRunsShouldGiveItTheBranchBarrier() {
		this.workflows.register("barrier", (wf, payload) -> wf.local(String.class, (barrier) -> {
			assertThat(barrier.getTransType()).isEqualTo(TransType.WORKFLOW);
			assertThat(barrier.getOp()).isEqualTo(BranchOp.ACTION);
			return barrier.getGid() + "/" + barrier.getBranchId();
		}));

		assertThat(this.workflows.execute("barrier", "g-b", "").asText()).isEqualTo("g-b/01");
	}

	@Test
	void whenALocalStepCallsItsBarrierShouldRunTheWorkOnceInTheBarriersDatabase() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:workflow-barrier;DB_CLOSE_DELAY=-1", "sa", "");
		JdbcBarrier barrier = new JdbcBarrier(dataSource, new DataSourceTransactionManager(dataSource), null,
				"dtm_barrier");
		barrier.initializeSchema();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE TABLE IF NOT EXISTS ledger (gid VARCHAR(64))");
		this.workflows.setJdbcBarrier(barrier);
		WorkflowStepAction<String> book = (branch) -> branch.call((tx) -> tx.jdbcTemplate()
			.update("INSERT INTO ledger (gid) VALUES (?)", branch.getGid())) == BarrierOutcome.EXECUTED ? "booked"
					: "skipped";
		this.workflows.register("book", (wf, payload) -> wf.local(String.class, book));

		assertThat(this.workflows.execute("book", "g-book", "").asText()).isEqualTo("booked");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger WHERE gid = 'g-book'", Integer.class)).isOne();
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM dtm_barrier WHERE gid = 'g-book' AND branch_id = '01'" + " AND op = 'action'",
				Integer.class))
			.as("the barrier row of branch 01's action")
			.isOne();
	}

	@Test
	void whenAStepResultIsNotUtf8OverHttpShouldRefuseToRecordItRatherThanCorruptIt() {
		this.workflows.register("binary",
				(wf, payload) -> wf.local(byte[].class, (barrier) -> new byte[] { (byte) 0xC8, 1 }));

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.workflows.execute("binary", "g-bin", ""))
			.withMessageContaining("not UTF-8")
			.withMessageContaining("dtm.client.transport=grpc");
		assertThat(this.dtm.bodies("/api/dtmsvr/registerBranch")).as("nothing recorded").isEmpty();
		assertThat(this.dtm.bodies("/api/dtmsvr/submit")).as("left unfinished").isEmpty();
	}

	@Test
	void whenNameIsUnknownShouldRefuse() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.workflows.execute("nope", "g", ""));
		assertThat(this.dtm.requests()).isEmpty();
	}

	@Test
	void whenNameIsTakenShouldRefuseToRegister() {
		this.workflows.register("twice", (wf, payload) -> null);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.workflows.register("twice", (wf, payload) -> null));
	}

	private static JsonNode read(String json) {
		try {
			return FakeWorkflowCoordinator.JSON.readTree(json);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

	private static String encode(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	record Transfer(String user, int amount) {

	}

	record Outcome(String out, Integer reserved) {

	}

}
