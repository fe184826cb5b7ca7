package io.dtm.client.barrier;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.dtm.client.DtmFailure;
import io.dtm.core.BranchOp;
import io.dtm.core.TransType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link JdbcBarrier}, run against each supported database by a subclass.
 */
abstract class AbstractJdbcBarrierTests {

	static HikariDataSource dataSource;

	JdbcTemplate jdbc;

	PlatformTransactionManager transactionManager;

	JdbcBarrier barrier;

	static HikariDataSource dataSource(String url, String user, String password) {
		HikariDataSource hikari = new HikariDataSource();
		hikari.setJdbcUrl(url);
		hikari.setUsername(user);
		hikari.setPassword(password);
		hikari.setMaximumPoolSize(8);
		return hikari;
	}

	@AfterAll
	static void closeDataSource() {
		if (dataSource != null) {
			dataSource.close();
			dataSource = null;
		}
	}

	abstract BarrierDialect expectedDialect();

	@BeforeEach
	void setUp() {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactionManager = new DataSourceTransactionManager(dataSource);
		this.barrier = new JdbcBarrier(dataSource, this.transactionManager, null, "dtm_barrier");
		this.barrier.initializeSchema();
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS account (id VARCHAR(64) PRIMARY KEY, balance INT NOT NULL)");
	}

	@Test
	void whenDialectDetectedShouldMatchDatabase() {
		assertThat(this.barrier.dialect()).isEqualTo(expectedDialect());
	}

	@Test
	void whenSchemaInitializedTwiceShouldKeepTable() {
		this.barrier.initializeSchema();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM dtm_barrier WHERE gid = 'none'", Integer.class))
			.isZero();
	}

	@Test
	void whenSameRequestRepeatedShouldRunWorkOnce() {
		String account = account(100);
		String gid = gid();
		assertThat(adjust(bb(gid, BranchOp.ACTION), account, -30)).isEqualTo(BarrierOutcome.EXECUTED);
		assertThat(adjust(bb(gid, BranchOp.ACTION), account, -30)).isEqualTo(BarrierOutcome.DUPLICATE);
		assertThat(adjust(bb(gid, BranchOp.ACTION), account, -30)).isEqualTo(BarrierOutcome.DUPLICATE);
		assertThat(balance(account)).isEqualTo(70);
	}

	@Test
	void whenCompensateArrivesBeforeActionShouldSkipBothAsNullCompensationAndHanging() {
		String account = account(100);
		String gid = gid();
		assertThat(adjust(bb(gid, BranchOp.COMPENSATE), account, 30)).isEqualTo(BarrierOutcome.NULL_COMPENSATION);
		assertThat(adjust(bb(gid, BranchOp.ACTION), account, -30)).isEqualTo(BarrierOutcome.HANGING);
		assertThat(adjust(bb(gid, BranchOp.COMPENSATE), account, 30)).isEqualTo(BarrierOutcome.DUPLICATE);
		assertThat(balance(account)).isEqualTo(100);
	}

	@Test
	void whenCancelArrivesBeforeTryShouldBlockTheLateTry() {
		String account = account(100);
		String gid = gid();
		BranchBarrier cancel = BranchBarrier.of(TransType.TCC, gid, "01", BranchOp.CANCEL);
		BranchBarrier lateTry = BranchBarrier.of(TransType.TCC, gid, "01", BranchOp.TRY);
		assertThat(adjust(cancel, account, 30)).isEqualTo(BarrierOutcome.NULL_COMPENSATION);
		assertThat(adjust(lateTry, account, -30)).isEqualTo(BarrierOutcome.HANGING);
		assertThat(balance(account)).isEqualTo(100);
	}

	@Test
	void whenBarrierRowsAreOlderThanTheMaxAgeTheCleanupShouldDeleteThemInBatchesAndKeepTheRest() throws Exception {
		String account = account(100);
		String prefix = "aged-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		for (int i = 0; i < 5; i++) {
			adjust(BranchBarrier.of(TransType.TCC, prefix + i, "01", BranchOp.CANCEL), account, 30);
		}
		String fresh = gid();
		adjust(BranchBarrier.of(TransType.TCC, fresh, "01", BranchOp.CANCEL), account, 30);
		this.jdbc.update("UPDATE dtm_barrier SET create_time = ? WHERE gid LIKE ?",
				Timestamp.valueOf(LocalDateTime.now().minusDays(3)), prefix + "%");
		List<Integer> batches = new ArrayList<>();
		BarrierCleanup cleanup = new BarrierCleanup(this.barrier, Duration.ofDays(1), Duration.ofMinutes(10), 4,
				Duration.ofMillis(1), batches::add);

		int deleted = cleanup.sweep();

		assertThat(deleted).isEqualTo(10);
		assertThat(batches).containsExactly(4, 4, 2);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dtm_barrier WHERE gid LIKE ?", Integer.class,
				prefix + "%"))
			.isZero();
		assertThat(adjust(BranchBarrier.of(TransType.TCC, fresh, "01", BranchOp.TRY), account, -30))
			.as("the fresh cancel still blocks its late try")
			.isEqualTo(BarrierOutcome.HANGING);
		assertThat(cleanup.sweep()).isZero();
	}

	@Test
	void whenTryThenCancelShouldUndoOnce() {
		String account = account(100);
		String gid = gid();
		assertThat(adjust(BranchBarrier.of(TransType.TCC, gid, "01", BranchOp.TRY), account, -30))
			.isEqualTo(BarrierOutcome.EXECUTED);
		assertThat(adjust(BranchBarrier.of(TransType.TCC, gid, "01", BranchOp.CANCEL), account, 30))
			.isEqualTo(BarrierOutcome.EXECUTED);
		assertThat(adjust(BranchBarrier.of(TransType.TCC, gid, "01", BranchOp.CANCEL), account, 30))
			.isEqualTo(BarrierOutcome.DUPLICATE);
		assertThat(balance(account)).isEqualTo(100);
	}

	@Test
	void whenTryAndCancelRaceShouldLeaveBalanceConsistent() throws Exception {
		String account = account(10_000);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<BarrierOutcome[]>> results = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				String gid = gid();
				CountDownLatch start = new CountDownLatch(1);
				Future<BarrierOutcome> tryCall = pool.submit(() -> {
					start.await();
					return retried(
							() -> adjust(BranchBarrier.of(TransType.TCC, gid, "01", BranchOp.TRY), account, -10));
				});
				Future<BarrierOutcome> cancelCall = pool.submit(() -> {
					start.await();
					return retried(
							() -> adjust(BranchBarrier.of(TransType.TCC, gid, "01", BranchOp.CANCEL), account, 10));
				});
				start.countDown();
				results.add(pool.submit(() -> new BarrierOutcome[] { tryCall.get(30, TimeUnit.SECONDS),
						cancelCall.get(30, TimeUnit.SECONDS) }));
			}
			for (Future<BarrierOutcome[]> result : results) {
				BarrierOutcome[] outcomes = result.get(60, TimeUnit.SECONDS);
				if (outcomes[0] == BarrierOutcome.EXECUTED) {
					assertThat(outcomes[1]).isEqualTo(BarrierOutcome.EXECUTED);
				}
				else {
					assertThat(outcomes[0]).isEqualTo(BarrierOutcome.HANGING);
					assertThat(outcomes[1]).isEqualTo(BarrierOutcome.NULL_COMPENSATION);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(balance(account)).isEqualTo(10_000);
	}

	@Test
	void whenWorkThrowsShouldRollBackWorkAndBarrierSoTheRetryRuns() {
		String account = account(100);
		String gid = gid();
		assertThatIllegalStateException().isThrownBy(() -> this.barrier.call(bb(gid, BranchOp.ACTION), (tx) -> {
			tx.jdbcTemplate().update("UPDATE account SET balance = balance - 30 WHERE id = ?", account);
			throw new IllegalStateException("boom");
		}));
		assertThat(balance(account)).isEqualTo(100);
		assertThat(barrierRows(gid)).isZero();
		assertThat(adjust(bb(gid, BranchOp.ACTION), account, -30)).isEqualTo(BarrierOutcome.EXECUTED);
		assertThat(balance(account)).isEqualTo(70);
	}

	@Test
	void whenWorkRefusesShouldRollBackAndLetTheCompensationBeNull() {
		String account = account(10);
		String gid = gid();
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(
				() -> this.barrier.call(bb(gid, BranchOp.ACTION), (tx) -> withdraw(tx.jdbcTemplate(), account, 30)));
		assertThat(adjust(bb(gid, BranchOp.COMPENSATE), account, 30)).isEqualTo(BarrierOutcome.NULL_COMPENSATION);
		assertThat(balance(account)).isEqualTo(10);
	}

	@Test
	void whenLocalWorkCommittedQueryPreparedShouldSucceed() {
		String account = account(100);
		String gid = gid();
		BranchBarrier msg = BranchBarrier.of(TransType.MSG, gid, "00", BranchOp.MSG);
		assertThat(adjust(msg, account, -30)).isEqualTo(BarrierOutcome.EXECUTED);
		this.barrier.queryPrepared(gid);
		this.barrier.queryPrepared(gid);
		assertThat(adjust(BranchBarrier.of(TransType.MSG, gid, "00", BranchOp.MSG), account, -30))
			.isEqualTo(BarrierOutcome.DUPLICATE);
		assertThat(balance(account)).isEqualTo(70);
	}

	@Test
	void whenLocalWorkNeverCommittedQueryPreparedShouldFailAndBlockTheLateWork() {
		String account = account(100);
		String gid = gid();
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.barrier.queryPrepared(gid));
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.barrier.queryPrepared(gid));
		assertThat(adjust(BranchBarrier.of(TransType.MSG, gid, "00", BranchOp.MSG), account, -30))
			.isEqualTo(BarrierOutcome.DUPLICATE);
		assertThat(balance(account)).isEqualTo(100);
	}

	@Test
	void whenLocalWorkRolledBackQueryPreparedShouldFail() {
		String account = account(100);
		String gid = gid();
		BranchBarrier msg = BranchBarrier.of(TransType.MSG, gid, "00", BranchOp.MSG);
		assertThatIllegalStateException().isThrownBy(() -> this.barrier.call(msg, (tx) -> {
			withdraw(tx.jdbcTemplate(), account, 30);
			throw new IllegalStateException("crash after the work");
		}));
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> this.barrier.queryPrepared(gid));
		assertThat(balance(account)).isEqualTo(100);
	}

	@Test
	void whenOuterTransactionalCommitsShouldCommitBarrierRowAndBusinessRow() {
		String account = account(100);
		String gid = gid();
		try (AnnotationConfigApplicationContext context = transactionalContext()) {
			TransferService service = context.getBean(TransferService.class);
			assertThat(service.transfer(bb(gid, BranchOp.ACTION), account, false)).isEqualTo(BarrierOutcome.EXECUTED);
		}
		assertThat(balance(account)).isEqualTo(70);
		assertThat(audit(gid)).isEqualTo(1);
		assertThat(barrierRows(gid)).isEqualTo(1);
	}

	@Test
	void whenOuterTransactionalRollsBackShouldRollBackBarrierRowAndBusinessRow() {
		String account = account(100);
		String gid = gid();
		try (AnnotationConfigApplicationContext context = transactionalContext()) {
			TransferService service = context.getBean(TransferService.class);
			assertThatIllegalStateException()
				.isThrownBy(() -> service.transfer(bb(gid, BranchOp.ACTION), account, true));
			assertThat(balance(account)).isEqualTo(100);
			assertThat(audit(gid)).isZero();
			assertThat(barrierRows(gid)).isZero();
			assertThat(service.transfer(bb(gid, BranchOp.ACTION), account, false)).isEqualTo(BarrierOutcome.EXECUTED);
		}
		assertThat(balance(account)).isEqualTo(70);
	}

	@Test
	void whenBarrierTableMissingShouldSayD1001AndHowToCreateIt() {
		JdbcBarrier missing = new JdbcBarrier(dataSource, this.transactionManager, null, "dtm_barrier_absent");
		String file = "io/dtm/client/barrier/schema-" + expectedDialect().name().toLowerCase(java.util.Locale.ROOT)
				+ ".sql";
		assertThatExceptionOfType(BarrierTableMissingException.class)
			.isThrownBy(() -> missing.call(bb(gid(), BranchOp.ACTION), (tx) -> {
			}))
			.satisfies((ex) -> assertThat(ex.getTableName()).isEqualTo("dtm_barrier_absent"))
			.withMessageStartingWith("D1001 database connection failure: barrier table missing: table "
					+ "'dtm_barrier_absent' does not exist")
			.withMessageContaining("set dtm.client.barrier.initialize-schema=true, or run " + file)
			.withMessageContaining("with the table name changed to dtm_barrier_absent");
		assertThatExceptionOfType(BarrierTableMissingException.class).isThrownBy(missing::checkTable);
		assertThatExceptionOfType(BarrierTableMissingException.class).isThrownBy(() -> missing.queryPrepared(gid()));
		this.barrier.checkTable();
	}

	@Test
	void whenBusinessTableMissingShouldNotBlameTheBarrierTable() {
		assertThatExceptionOfType(org.springframework.jdbc.BadSqlGrammarException.class)
			.isThrownBy(() -> this.barrier.call(bb(gid(), BranchOp.ACTION),
					(tx) -> tx.jdbcTemplate().queryForList("SELECT * FROM no_such_business_table")));
	}

	@Test
	void whenUnboundBarrierCalledShouldExplain() {
		assertThatIllegalStateException().isThrownBy(() -> bb(gid(), BranchOp.ACTION).call((tx) -> {
		})).withMessageContaining("not bound");
	}

	private AnnotationConfigApplicationContext transactionalContext() {
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS audit (gid VARCHAR(128) NOT NULL, note VARCHAR(64))");
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(DataSource.class, () -> new DelegatingDataSource(dataSource));
		context.register(TransactionalConfiguration.class);
		context.refresh();
		return context;
	}

	BarrierOutcome adjust(BranchBarrier branchBarrier, String account, int amount) {
		return this.barrier.call(branchBarrier, (tx) -> {
			if (amount < 0) {
				withdraw(tx.jdbcTemplate(), account, -amount);
			}
			else {
				tx.jdbcTemplate().update("UPDATE account SET balance = balance + ? WHERE id = ?", amount, account);
			}
		});
	}

	/**
	 * What the coordinator does with a branch that answered an error (a deadlock between
	 * concurrent barrier inserts is one under REPEATABLE READ): call it again.
	 */
	static BarrierOutcome retried(java.util.function.Supplier<BarrierOutcome> call) {
		for (int attempt = 1;; attempt++) {
			try {
				return call.get();
			}
			catch (TransientDataAccessException ex) {
				if (attempt == 10) {
					throw ex;
				}
			}
		}
	}

	static void withdraw(JdbcTemplate jdbc, String account, int amount) {
		int updated = jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ? AND balance >= ?", amount,
				account, amount);
		if (updated == 0) {
			throw DtmFailure.of("insufficient balance in " + account);
		}
	}

	String account(int balance) {
		String id = "acc-" + UUID.randomUUID();
		this.jdbc.update("INSERT INTO account (id, balance) VALUES (?, ?)", id, balance);
		return id;
	}

	int balance(String account) {
		return this.jdbc.queryForObject("SELECT balance FROM account WHERE id = ?", Integer.class, account);
	}

	int barrierRows(String gid) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM dtm_barrier WHERE gid = ?", Integer.class, gid);
	}

	int audit(String gid) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM audit WHERE gid = ?", Integer.class, gid);
	}

	static String gid() {
		return "g-" + UUID.randomUUID();
	}

	static BranchBarrier bb(String gid, BranchOp op) {
		return BranchBarrier.of(TransType.SAGA, gid, "01", op);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class TransactionalConfiguration {

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		JdbcBarrier jdbcBarrier(DataSource dataSource, PlatformTransactionManager transactionManager) {
			return new JdbcBarrier(dataSource, transactionManager, null, "dtm_barrier");
		}

		@Bean
		TransferService transferService(JdbcBarrier jdbcBarrier, DataSource dataSource) {
			return new TransferService(jdbcBarrier, new JdbcTemplate(dataSource));
		}

	}

	/**
	 * A service whose {@code @Transactional} method runs the barrier and more work.
	 */
	static class TransferService {

		private final JdbcBarrier barrier;

		private final JdbcTemplate jdbc;

		TransferService(JdbcBarrier barrier, JdbcTemplate jdbc) {
			this.barrier = barrier;
			this.jdbc = jdbc;
		}

		@Transactional
		public BarrierOutcome transfer(BranchBarrier branchBarrier, String account, boolean failAfterwards) {
			BarrierOutcome outcome = this.barrier.call(branchBarrier, (tx) -> withdraw(this.jdbc, account, 30));
			this.jdbc.update("INSERT INTO audit (gid, note) VALUES (?, 'transfer')", branchBarrier.getGid());
			if (failAfterwards) {
				throw new IllegalStateException("failure after the barrier, inside the outer transaction");
			}
			return outcome;
		}

	}

}
