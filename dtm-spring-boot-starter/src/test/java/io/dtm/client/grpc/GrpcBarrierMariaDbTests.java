package io.dtm.client.grpc;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import io.dtm.client.DtmFailure;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.server.testsupport.ExternalServices;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gRPC participant whose handlers use {@link GrpcBranchBarriers#current()} inside the
 * application's Spring transaction, on a real MariaDB/MySQL server: the coordinator's
 * retries, null compensations and hanging requests leave the balance right.
 */
@Tag("integration")
class GrpcBarrierMariaDbTests {

	private static HikariDataSource dataSource;

	private static JdbcTemplate jdbc;

	private static GrpcBusi busi;

	@BeforeAll
	static void start() {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("grpcbarrier");
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(db.url());
		dataSource.setUsername(db.user());
		dataSource.setPassword(db.password());
		jdbc = new JdbcTemplate(dataSource);
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		JdbcBarrier barrier = new JdbcBarrier(dataSource, transactionManager, null, "dtm_barrier");
		barrier.initializeSchema();
		jdbc.execute("CREATE TABLE IF NOT EXISTS account (id VARCHAR(64) PRIMARY KEY, balance INT NOT NULL)");
		jdbc.execute("CREATE TABLE IF NOT EXISTS audit (gid VARCHAR(128), op VARCHAR(32))");
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		busi = GrpcBusi.start(new DtmGrpcServerInterceptor(() -> barrier),
				Map.of("TransOut", adjust(transactions, -1), "TransOutRevert", adjust(transactions, 1)));
	}

	/**
	 * A handler: "account:amount" moves the amount, refusing to go below zero, in the
	 * application's transaction (an audit row joins it).
	 */
	private static Consumer<byte[]> adjust(TransactionTemplate transactions, int sign) {
		return (request) -> {
			String[] parts = new String(request, StandardCharsets.UTF_8).split(":");
			transactions.executeWithoutResult((status) -> {
				jdbc.update("INSERT INTO audit (gid, op) VALUES (?, ?)", GrpcBranchBarriers.current().getGid(),
						GrpcBranchBarriers.current().getOp().wireValue());
				GrpcBranchBarriers.current().call((tx) -> {
					int amount = sign * Integer.parseInt(parts[1]);
					int changed = tx.getJdbcTemplate()
						.update("UPDATE account SET balance = balance + ? WHERE id = ? AND balance + ? >= 0", amount,
								parts[0], amount);
					if (changed == 0) {
						throw DtmFailure.of("insufficient balance");
					}
				});
			});
		};
	}

	@AfterAll
	static void stop() throws InterruptedException {
		busi.close();
		dataSource.close();
	}

	@Test
	void whenActionRepeatedShouldRunOnce() {
		String account = account(100);
		Map<String, String> action = GrpcBusi.branch(gid(), "saga", "01", "action");
		assertThat(busi.call("TransOut", action, account + ":30").isOk()).isTrue();
		assertThat(busi.call("TransOut", action, account + ":30").isOk()).isTrue();
		assertThat(balance(account)).isEqualTo(70);
		assertThat(barrierRows(action.get("dtm-gid"))).isEqualTo(1);
	}

	@Test
	void whenCancelComesBeforeTryShouldSkipBothAndKeepBalance() {
		String account = account(100);
		String gid = gid();
		assertThat(busi.call("TransOutRevert", GrpcBusi.branch(gid, "tcc", "01", "cancel"), account + ":30").isOk())
			.isTrue();
		assertThat(busi.call("TransOut", GrpcBusi.branch(gid, "tcc", "01", "try"), account + ":30").isOk()).isTrue();
		assertThat(balance(account)).isEqualTo(100);
		assertThat(jdbc.queryForList("SELECT op FROM dtm_barrier WHERE gid = ? ORDER BY op", String.class, gid))
			.containsExactly("cancel", "try");
	}

	@Test
	void whenTryThenCancelShouldUndoOnce() {
		String account = account(100);
		String gid = gid();
		assertThat(busi.call("TransOut", GrpcBusi.branch(gid, "tcc", "01", "try"), account + ":30").isOk()).isTrue();
		assertThat(balance(account)).isEqualTo(70);
		assertThat(busi.call("TransOutRevert", GrpcBusi.branch(gid, "tcc", "01", "cancel"), account + ":30").isOk())
			.isTrue();
		assertThat(busi.call("TransOutRevert", GrpcBusi.branch(gid, "tcc", "01", "cancel"), account + ":30").isOk())
			.isTrue();
		assertThat(balance(account)).isEqualTo(100);
	}

	@Test
	void whenActionRefusedShouldAnswerAbortedAndRollBackTheTransaction() {
		String account = account(10);
		String gid = gid();
		Status status = busi.call("TransOut", GrpcBusi.branch(gid, "saga", "01", "action"), account + ":30");
		assertThat(status.getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(status.getDescription()).isEqualTo("insufficient balance FAILURE");
		assertThat(balance(account)).isEqualTo(10);
		assertThat(barrierRows(gid)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit WHERE gid = ?", Integer.class, gid)).isZero();
		assertThat(
				busi.call("TransOutRevert", GrpcBusi.branch(gid, "saga", "01", "compensate"), account + ":30").isOk())
			.isTrue();
		assertThat(balance(account)).isEqualTo(10);
	}

	private static String account(int balance) {
		String id = UUID.randomUUID().toString();
		jdbc.update("INSERT INTO account (id, balance) VALUES (?, ?)", id, balance);
		return id;
	}

	private static String gid() {
		return "grpc-" + UUID.randomUUID();
	}

	private static int balance(String account) {
		return jdbc.queryForObject("SELECT balance FROM account WHERE id = ?", Integer.class, account);
	}

	private static int barrierRows(String gid) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM dtm_barrier WHERE gid = ?", Integer.class, gid);
	}

}
