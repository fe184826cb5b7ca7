package io.dtm.client.workflow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmTemplate;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.xa.XaConnectionFactory;
import io.dtm.client.xa.XaParticipant;
import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for a workflow's XA steps ({@link WorkflowBranch#xa}) on a real MariaDB/MySQL
 * server, against a fake coordinator: the rows are committed when the workflow succeeds,
 * rolled back when it fails, never run twice, and a branch left prepared by an
 * interrupted run is rolled back.
 */
@Tag("integration")
class WorkflowXaMariaDbTests {

	private static ExternalServices.Db db;

	private static HikariDataSource dataSource;

	private static JdbcTemplate jdbc;

	private FakeWorkflowCoordinator dtm;

	private DtmWorkflows workflows;

	private XaParticipant xa;

	private final AtomicInteger runs = new AtomicInteger();

	@BeforeAll
	static void createTables() {
		db = ExternalServices.freshMysqlDatabase("wfxa");
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(db.url());
		dataSource.setUsername(db.user());
		dataSource.setPassword(db.password());
		jdbc = new JdbcTemplate(dataSource);
		new JdbcBarrier(dataSource, new DataSourceTransactionManager(dataSource), null, "dtm_barrier")
			.initializeSchema();
		jdbc.execute("CREATE TABLE account (id VARCHAR(128) PRIMARY KEY, balance INT NOT NULL)");
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	@BeforeEach
	void setUp() throws Exception {
		this.dtm = new FakeWorkflowCoordinator();
		this.workflows = new DtmWorkflows(RestClient.create(), this.dtm::apiUrl, new ObjectMapper());
		DtmTemplate template = new DtmTemplate(RestClient.create(), this.dtm::baseUrl,
				RetryTemplate.builder().maxAttempts(1).build(), new ObjectMapper());
		this.xa = new XaParticipant(XaConnectionFactory.driverManager(db.url(), db.user(), db.password()), template,
				"dtm_barrier");
	}

	@AfterEach
	void tearDown() {
		this.workflows.close();
		this.dtm.close();
	}

	@Test
	void whenTheWorkflowSucceedsShouldCommitTheXaRowsInItsCommitPhase() {
		String gid = gid("ok");
		this.workflows.register("open", (wf, payload) -> {
			int inserted = wf.branch().xa(this.xa, Integer.class, (tx) -> insert(tx, gid));
			boolean visibleBeforeCommit = wf.local(Boolean.class, (barrier) -> balance(gid) != null);
			return inserted + " " + visibleBeforeCommit;
		});

		assertThat(this.workflows.execute("open", gid, new byte[0]).asText()).isEqualTo("1 false");

		assertThat(balance(gid)).isEqualTo(10);
		assertThat(preparedXids(gid)).isEmpty();
		assertThat(steps()).containsExactly("01 business succeed", "01 action succeed", "02 action succeed",
				"01 commit succeed");
		assertThat(this.dtm.bodies("/api/dtmsvr/registerBranch").get(1).path("data").asText()).isEqualTo("1");
	}

	@Test
	void whenALaterStepRefusesShouldRollTheXaRowsBack() {
		String gid = gid("later");
		this.workflows.register("open", (wf, payload) -> {
			wf.branch().xa(this.xa, (tx) -> insert(tx, gid));
			return wf.local(String.class, (barrier) -> {
				throw DtmFailure.of("limit reached");
			});
		});

		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.workflows.execute("open", gid, new byte[0]))
			.withMessageContaining("limit reached");

		assertThat(balance(gid)).isNull();
		assertThat(preparedXids(gid)).isEmpty();
		assertThat(barrierReason(gid)).isEqualTo("rollback");
		assertThat(steps()).containsExactly("01 business succeed", "01 action succeed", "02 action failed",
				"01 rollback succeed");
	}

	@Test
	void whenTheXaWorkRefusesShouldRollItBackAndRecordItFailed() {
		String gid = gid("refused");
		this.workflows.register("open", (wf, payload) -> wf.branch().xa(this.xa, Integer.class, (tx) -> {
			insert(tx, gid);
			throw DtmFailure.of("account closed");
		}));

		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.workflows.execute("open", gid, new byte[0]))
			.withMessageContaining("account closed");

		assertThat(balance(gid)).isNull();
		assertThat(preparedXids(gid)).isEmpty();
		assertThat(steps()).containsExactly("01 action failed", "01 rollback succeed");
	}

	@Test
	void whenTheStepIsRecordedShouldReturnItsResultWithoutRunningIt() {
		String gid = gid("replay");
		this.dtm.replyToPrepare(prepared(progress("01", "business", "") + "," + progress("01", "action", "1")));
		this.workflows.register("open",
				(wf, payload) -> wf.branch().xa(this.xa, Integer.class, (tx) -> insert(tx, gid)) + 1);

		assertThat(this.workflows.execute("open", gid, new byte[0]).asText()).isEqualTo("2");

		assertThat(this.runs).hasValue(0);
		assertThat(balance(gid)).isNull();
		assertThat(steps()).containsExactly("01 commit succeed");
	}

	@Test
	void whenARunStoppedWhileTheStepWasPreparedShouldRollThePreparedBranchBack() throws Exception {
		String gid = gid("stopped");
		prepareBranch(gid + "-01", gid);
		assertThat(preparedXids(gid)).containsExactly(gid + "-01");
		this.dtm.replyToPrepare(prepared(progress("01", "business", "")));
		this.workflows.register("open",
				(wf, payload) -> wf.branch().xa(this.xa, Integer.class, (tx) -> insert(tx, gid)));

		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.workflows.execute("open", gid, new byte[0]))
			.withMessageContaining("not resumable");

		assertThat(this.runs).hasValue(0);
		assertThat(preparedXids(gid)).isEmpty();
		assertThat(balance(gid)).isNull();
		assertThat(steps()).containsExactly("01 action failed", "01 rollback succeed");
	}

	private int insert(JdbcTemplate tx, String gid) {
		this.runs.incrementAndGet();
		return tx.update("INSERT INTO account (id, balance) VALUES (?, 10)", gid);
	}

	/**
	 * What an interrupted run leaves: the branch prepared on a connection that is gone.
	 */
	private static void prepareBranch(String xid, String gid) throws Exception {
		try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
				Statement statement = connection.createStatement()) {
			statement.execute("XA START '" + xid + "'");
			statement.execute("INSERT INTO account (id, balance) VALUES ('" + gid + "', 10)");
			statement.execute("XA END '" + xid + "'");
			statement.execute("XA PREPARE '" + xid + "'");
		}
	}

	private static Integer balance(String id) {
		List<Integer> balances = jdbc.queryForList("SELECT balance FROM account WHERE id = ?", Integer.class, id);
		return balances.isEmpty() ? null : balances.get(0);
	}

	private static String barrierReason(String gid) {
		return jdbc.queryForObject(
				"SELECT reason FROM dtm_barrier WHERE gid = ? AND branch_id = '01' AND op = 'action' AND barrier_id = '01'",
				String.class, gid);
	}

	private static List<String> preparedXids(String gid) {
		return jdbc.queryForList("XA RECOVER")
			.stream()
			.map((row) -> (row.get("data") instanceof byte[] bytes) ? new String(bytes)
					: String.valueOf(row.get("data")))
			.filter((xid) -> xid.startsWith(gid))
			.toList();
	}

	private List<String> steps() {
		return this.dtm.bodies("/api/dtmsvr/registerBranch")
			.stream()
			.map((b) -> b.path("branch_id").asText() + " " + b.path("op").asText() + " " + b.path("status").asText())
			.toList();
	}

	private static String progress(String branchId, String op, String data) {
		return "{\"branch_id\":\"%s\",\"op\":\"%s\",\"status\":\"succeed\",\"bin_data\":\"%s\"}".formatted(branchId, op,
				Base64.getEncoder().encodeToString(data.getBytes()));
	}

	private static String prepared(String progresses) {
		return "{\"transaction\":{\"status\":\"prepared\"},\"progresses\":[" + progresses + "]}";
	}

	private static String gid(String name) {
		return "wfxa-" + name + "-" + System.nanoTime();
	}

}
