package io.dtm.e2e;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.DtmOperations;
import io.dtm.client.Msg;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.BranchOp;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.e2e.bank.Accounts;
import io.dtm.e2e.bank.BankController;
import io.dtm.e2e.bank.BankApplication;
import io.dtm.e2e.bank.Transfer;
import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * End to end: a real dtm-server and a participant application using the starter, both on
 * MariaDB, one transfer of 30 from account A to account B per test. Every success case
 * makes one handler answer 500 once after its work committed, so the coordinator repeats
 * the call; the balances prove the work still happened exactly once.
 */
@Tag("integration")
class EndToEndTests {

	private static final String STARTER_AUTO_CONFIGURATIONS = "io.dtm.autoconfigure.DtmClientAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmDiscoveryAutoConfiguration,io.dtm.autoconfigure.DtmJdbcAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmRedisAutoConfiguration,io.dtm.autoconfigure.DtmWebAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmHealthAutoConfiguration";

	private static ConfigurableApplicationContext coordinator;

	private static ConfigurableApplicationContext bank;

	private static String bankUrl;

	private DtmOperations dtm;

	private JdbcTemplate jdbc;

	private String a;

	private String b;

	@BeforeAll
	static void start() {
		ExternalServices.Db store = ExternalServices.freshMysqlDatabase("e2e_dtm");
		coordinator = new SpringApplicationBuilder(coordinatorApplication()).run("--server.port=0",
				"--spring.datasource.hikari.maximum-pool-size=6", "--spring.datasource.url=" + store.url(),
				"--spring.datasource.username=" + store.user(), "--spring.datasource.password=" + store.password(),
				"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
				"--spring.jpa.properties.jakarta.persistence.database-product-version=10.11",
				"--dtm.server.retry-interval=1s", "--dtm.server.timeout-to-fail=3s", "--dtm.server.request-timeout=5s",
				"--dtm.server.cron.interval=100ms", "--spring.data.redis.repositories.enabled=false",
				"--spring.autoconfigure.exclude=" + STARTER_AUTO_CONFIGURATIONS);
		int coordinatorPort = ((WebServerApplicationContext) coordinator).getWebServer().getPort();
		ExternalServices.Db business = ExternalServices.freshMysqlDatabase("e2e_bank");
		bank = new SpringApplicationBuilder(BankApplication.class).run("--spring.config.name=bank", "--server.port=0",
				"--spring.datasource.hikari.maximum-pool-size=6", "--spring.datasource.url=" + business.url(),
				"--spring.datasource.username=" + business.user(),
				"--spring.datasource.password=" + business.password(),
				"--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
						+ "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration,"
						+ "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
						// dtm-server's console brings Spring Security onto this class
						// path
						+ "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
						+ "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
				"--dtm.client.server-url=http://127.0.0.1:" + coordinatorPort,
				"--dtm.client.barrier.initialize-schema=true");
		bankUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) bank).getWebServer().getPort();
		bank.getBean(JdbcTemplate.class)
			.execute("CREATE TABLE account (id VARCHAR(64) PRIMARY KEY, balance INT NOT NULL, "
					+ "frozen INT NOT NULL DEFAULT 0)");
	}

	/**
	 * dtm-server's main class. Loaded by name: the test classpath gets dtm-server's
	 * compiled classes (see the surefire configuration), because its packaged artifact is
	 * the repackaged Boot jar.
	 */
	private static Class<?> coordinatorApplication() {
		try {
			return Class.forName("io.dtm.server.DtmServerApplication");
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("dtm-server classes are not on the test classpath; build with "
					+ "-pl dtm-core,dtm-server,dtm-spring-boot-starter", ex);
		}
	}

	@AfterAll
	static void stop() {
		if (bank != null) {
			bank.close();
		}
		if (coordinator != null) {
			coordinator.close();
		}
	}

	@BeforeEach
	void accounts() {
		this.dtm = bank.getBean(DtmOperations.class);
		this.jdbc = bank.getBean(JdbcTemplate.class);
		this.a = account(100);
		this.b = account(100);
	}

	@Test
	void whenSagaSucceedsShouldMoveMoneyOnceDespiteARepeatedCall() {
		int before = executions();
		String gid = this.dtm.saga(this.dtm.newGid())
			.step(bankUrl + "/saga/TransOut", bankUrl + "/saga/TransOutRevert", Transfer.of(this.a, 30))
			.step(bankUrl + "/saga/TransIn", bankUrl + "/saga/TransInRevert", Transfer.flaky(this.b, 30))
			.submit();
		awaitStatus(gid, GlobalStatus.SUCCEED);
		assertBalances(70, 130);
		assertThat(executions() - before).isEqualTo(2);
	}

	@Test
	void whenSagaActionRefusesShouldCompensate() {
		closeAccount(this.b);
		String gid = this.dtm.saga(this.dtm.newGid())
			.step(bankUrl + "/saga/TransOut", bankUrl + "/saga/TransOutRevert", Transfer.of(this.a, 30))
			.step(bankUrl + "/saga/TransIn", bankUrl + "/saga/TransInRevert", Transfer.of(this.b, 30))
			.submit();
		awaitStatus(gid, GlobalStatus.FAILED);
		assertBalances(100, 100);
	}

	@Test
	void whenWaitResultSagaFailsShouldThrowFailureWithTheRollbackReason() {
		closeAccount(this.b);
		String gid = this.dtm.newGid();
		assertThatExceptionOfType(DtmFailure.class)
			.isThrownBy(() -> this.dtm.saga(gid)
				.step(bankUrl + "/saga/TransOut", bankUrl + "/saga/TransOutRevert", Transfer.of(this.a, 30))
				.step(bankUrl + "/saga/TransIn", bankUrl + "/saga/TransInRevert", Transfer.of(this.b, 30))
				.waitResult()
				.submit())
			.satisfies((ex) -> assertThat(ex.getGid()).isEqualTo(gid))
			.withMessageStartingWith("saga " + gid + " failed: ")
			.withMessageContaining("is closed or frozen");
		assertThat(this.dtm.query(gid).orElseThrow().status()).isEqualTo(GlobalStatus.FAILED);
		assertBalances(100, 100);
	}

	@Test
	void whenWaitResultBranchAnswers500ShouldReportItUnfinishedAndNotResubmit() {
		String gid = this.dtm.newGid();
		BankController controller = bank.getBean(BankController.class);
		assertThatExceptionOfType(DtmOngoing.class)
			.isThrownBy(() -> this.dtm.saga(gid)
				.step(bankUrl + "/broken", bankUrl + "/noop", Transfer.of(this.a, 30))
				.waitResult()
				.submit())
			.satisfies((ex) -> assertThat(ex.getGid()).isEqualTo(gid))
			.withMessageContaining("is not finished yet (submitted")
			.withMessageContaining("wait result not return success");
		assertThat(controller.brokenCalls(gid)).as("calls before the coordinator's own retry").isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> controller.brokenCalls(gid) >= 2);
	}

	@Test
	void whenTccSucceedsShouldConfirmOnceDespiteARepeatedConfirm() {
		String gid = this.dtm.tcc(this.dtm.newGid(), (tcc) -> {
			tcc.callBranch(Transfer.flaky(this.a, 30), bankUrl + "/tcc/TransOutTry", bankUrl + "/tcc/TransOutConfirm",
					bankUrl + "/tcc/TransOutCancel");
			tcc.callBranch(Transfer.of(this.b, 30), bankUrl + "/tcc/TransInTry", bankUrl + "/tcc/TransInConfirm",
					bankUrl + "/tcc/TransInCancel");
		});
		awaitStatus(gid, GlobalStatus.SUCCEED);
		assertBalances(70, 130);
		assertThat(frozen(this.a)).isZero();
	}

	@Test
	void whenTccTryRefusesShouldCancelTheOtherBranches() {
		closeAccount(this.b);
		String gid = this.dtm.newGid();
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.dtm.tcc(gid, (tcc) -> {
			tcc.callBranch(Transfer.of(this.a, 30), bankUrl + "/tcc/TransOutTry", bankUrl + "/tcc/TransOutConfirm",
					bankUrl + "/tcc/TransOutCancel");
			tcc.callBranch(Transfer.of(this.b, 30), bankUrl + "/tcc/TransInTry", bankUrl + "/tcc/TransInConfirm",
					bankUrl + "/tcc/TransInCancel");
		}));
		awaitStatus(gid, GlobalStatus.FAILED);
		assertThat(balance(this.a)).isEqualTo(100);
		assertThat(frozen(this.a)).isZero();
	}

	@Test
	void whenXaSucceedsShouldCommitOnceDespiteARepeatedCommit() {
		String gid = this.dtm.xa(this.dtm.newGid(), (xa) -> {
			xa.callBranch(Transfer.of(this.a, 30), bankUrl + "/xa/TransOut?flaky=true");
			xa.callBranch(Transfer.of(this.b, 30), bankUrl + "/xa/TransIn");
		});
		awaitStatus(gid, GlobalStatus.SUCCEED);
		assertBalances(70, 130);
	}

	@Test
	void whenXaBranchRefusesShouldRollBackThePreparedBranches() {
		String gid = this.dtm.newGid();
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.dtm.xa(gid, (xa) -> {
			xa.callBranch(Transfer.of(this.a, 30), bankUrl + "/xa/TransOut");
			xa.callBranch(Transfer.of(this.b, 500), bankUrl + "/xa/TransOut");
		}));
		awaitStatus(gid, GlobalStatus.FAILED);
		assertBalances(100, 100);
	}

	@Test
	void whenMsgDoneAndSubmittedShouldDeliverOnceDespiteARepeatedCall() {
		String gid = this.dtm.msg(this.dtm.newGid())
			.step(bankUrl + "/msg/TransIn", Transfer.flaky(this.b, 30))
			.doAndSubmitDb(bankUrl + "/msg/QueryPrepared", bank.getBean(DataSource.class),
					(tx) -> bank.getBean(Accounts.class).withdraw(tx.jdbcTemplate(), Transfer.of(this.a, 30)));
		awaitStatus(gid, GlobalStatus.SUCCEED);
		assertBalances(70, 130);
	}

	@Test
	void whenMsgLocalWorkRefusesShouldAbort() {
		String gid = this.dtm.newGid();
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.dtm.msg(gid)
			.step(bankUrl + "/msg/TransIn", Transfer.of(this.b, 500))
			.doAndSubmitDb(bankUrl + "/msg/QueryPrepared", bank.getBean(DataSource.class),
					(tx) -> bank.getBean(Accounts.class).withdraw(tx.jdbcTemplate(), Transfer.of(this.a, 500))));
		awaitStatus(gid, GlobalStatus.FAILED);
		assertBalances(100, 100);
	}

	@Test
	void whenInitiatorDiesAfterLocalCommitCheckBackShouldSubmit() {
		String gid = this.dtm.newGid();
		Msg msg = this.dtm.msg(gid).step(bankUrl + "/msg/TransIn", Transfer.of(this.b, 30));
		msg.prepare(bankUrl + "/msg/QueryPrepared");
		bank.getBean(JdbcBarrier.class)
			.call(BranchBarrier.of(TransType.MSG, gid, Msg.CHECK_BRANCH_ID, BranchOp.MSG),
					(tx) -> bank.getBean(Accounts.class).withdraw(tx.jdbcTemplate(), Transfer.of(this.a, 30)));
		awaitStatus(gid, GlobalStatus.SUCCEED);
		assertBalances(70, 130);
	}

	@Test
	void whenInitiatorDiesBeforeLocalCommitCheckBackShouldFailTheMessage() {
		String gid = this.dtm.newGid();
		this.dtm.msg(gid)
			.step(bankUrl + "/msg/TransIn", Transfer.of(this.b, 30))
			.prepare(bankUrl + "/msg/QueryPrepared");
		awaitStatus(gid, GlobalStatus.FAILED);
		assertBalances(100, 100);
	}

	private void awaitStatus(String gid, GlobalStatus status) {
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(this.dtm.query(gid).orElseThrow().status()).isEqualTo(status));
	}

	private void assertBalances(int a, int b) {
		assertThat(balance(this.a)).as("balance of A").isEqualTo(a);
		assertThat(balance(this.b)).as("balance of B").isEqualTo(b);
	}

	private String account(int balance) {
		String id = "acc-" + UUID.randomUUID();
		this.jdbc.update("INSERT INTO account (id, balance) VALUES (?, ?)", id, balance);
		return id;
	}

	private void closeAccount(String id) {
		this.jdbc.update("UPDATE account SET frozen = 1 WHERE id = ?", id);
	}

	private int balance(String id) {
		return this.jdbc.queryForObject("SELECT balance FROM account WHERE id = ?", Integer.class, id);
	}

	private int frozen(String id) {
		return this.jdbc.queryForObject("SELECT frozen FROM account WHERE id = ?", Integer.class, id);
	}

	private int executions() {
		return bank.getBean(Accounts.class).executions();
	}

}
