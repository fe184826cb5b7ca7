package io.dtm.client.grpc;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmTemplate;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.GlobalStatus;
import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * End to end over gRPC only: {@link DtmTemplate} sends a saga to the real dtm-server's
 * gRPC API, the coordinator calls the participant's gRPC branches, and the participant
 * runs each branch behind the barrier taken from the gRPC metadata, in its Spring
 * transaction on MariaDB. A branch that fails once after its work committed is called
 * again; the balances prove the work happened exactly once.
 */
@Tag("integration")
class GrpcEndToEndTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String STARTER_AUTO_CONFIGURATIONS = "io.dtm.autoconfigure.DtmClientAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmDiscoveryAutoConfiguration,io.dtm.autoconfigure.DtmJdbcAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmRedisAutoConfiguration,io.dtm.autoconfigure.DtmWebAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmHealthAutoConfiguration,io.dtm.autoconfigure.DtmGrpcAutoConfiguration";

	private static ConfigurableApplicationContext coordinator;

	private static HikariDataSource dataSource;

	private static JdbcTemplate jdbc;

	private static GrpcBusi busi;

	private static GrpcCoordinatorTransport transport;

	private static final List<String> flaky = new CopyOnWriteArrayList<>();

	private static final AtomicInteger executions = new AtomicInteger();

	private DtmTemplate dtm;

	@BeforeAll
	static void start() {
		ExternalServices.Db store = ExternalServices.freshMysqlDatabase("grpc_e2e_dtm");
		coordinator = new SpringApplicationBuilder(coordinatorApplication()).run("--server.port=0",
				"--dtm.server.grpc.port=0", "--spring.datasource.hikari.maximum-pool-size=6",
				"--spring.datasource.url=" + store.url(), "--spring.datasource.username=" + store.user(),
				"--spring.datasource.password=" + store.password(),
				"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
				"--spring.jpa.properties.jakarta.persistence.database-product-version=10.11",
				"--dtm.server.retry-interval=1s", "--dtm.server.cron.interval=100ms",
				"--spring.data.redis.repositories.enabled=false",
				"--spring.autoconfigure.exclude=" + STARTER_AUTO_CONFIGURATIONS);
		int grpcPort = coordinator.getBean(GrpcServerLifecycle.class).getPort();
		transport = GrpcCoordinatorTransport.forTarget("127.0.0.1:" + grpcPort, Duration.ofSeconds(30));

		ExternalServices.Db business = ExternalServices.freshMysqlDatabase("grpc_e2e_bank");
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(business.url());
		dataSource.setUsername(business.user());
		dataSource.setPassword(business.password());
		jdbc = new JdbcTemplate(dataSource);
		DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
		JdbcBarrier barrier = new JdbcBarrier(dataSource, transactions, null, "dtm_barrier");
		barrier.initializeSchema();
		jdbc.execute("CREATE TABLE account (id VARCHAR(64) PRIMARY KEY, balance INT NOT NULL)");
		TransactionTemplate tx = new TransactionTemplate(transactions);
		busi = GrpcBusi.start(new DtmGrpcServerInterceptor(() -> barrier), Map.of("TransOut", adjust(tx, -1),
				"TransOutRevert", adjust(tx, 1), "TransIn", adjust(tx, 1), "TransInRevert", adjust(tx, -1)));
	}

	/**
	 * dtm-server's main class, loaded by name (its compiled classes are on the test
	 * classpath, as for the HTTP end-to-end tests).
	 */
	private static Class<?> coordinatorApplication() {
		try {
			return Class.forName("io.dtm.server.DtmServerApplication");
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("dtm-server classes are not on the test classpath", ex);
		}
	}

	/**
	 * A branch handler: moves {@code amount} on {@code account} (refusing to go below
	 * zero) behind the barrier, in the participant's transaction; an account listed in
	 * {@link #flaky} fails the call once after the work committed.
	 */
	private static Consumer<byte[]> adjust(TransactionTemplate tx, int sign) {
		return (request) -> {
			JsonNode transfer;
			try {
				transfer = JSON.readTree(request);
			}
			catch (IOException ex) {
				throw new IllegalArgumentException(ex);
			}
			String account = transfer.path("account").asText();
			int amount = sign * transfer.path("amount").asInt();
			tx.executeWithoutResult((status) -> GrpcBranchBarriers.current().call((barrierTx) -> {
				executions.incrementAndGet();
				if (barrierTx.getJdbcTemplate()
					.update("UPDATE account SET balance = balance + ? WHERE id = ? AND balance + ? >= 0", amount,
							account, amount) == 0) {
					throw DtmFailure.of("insufficient balance in " + account);
				}
			}));
			if (flaky.remove(account)) {
				throw new IllegalStateException("answered after the work committed: the coordinator retries");
			}
		};
	}

	@AfterAll
	static void stop() throws Exception {
		if (busi != null) {
			busi.close();
		}
		if (transport != null) {
			transport.close();
		}
		if (dataSource != null) {
			dataSource.close();
		}
		if (coordinator != null) {
			coordinator.close();
		}
	}

	@BeforeEach
	void template() {
		RetryTemplate retry = RetryTemplate.builder().maxAttempts(1).build();
		String http = "http://127.0.0.1:"
				+ ((org.springframework.boot.web.context.WebServerApplicationContext) coordinator).getWebServer()
					.getPort();
		this.dtm = new DtmTemplate(RestClient.create(), () -> http, retry, new ObjectMapper(), transport);
	}

	@Test
	void whenAGrpcSagaSucceedsShouldMoveTheMoneyOnceDespiteARepeatedCall() {
		String a = account(100);
		String b = account(100);
		flaky.add(b);
		int before = executions.get();

		String gid = this.dtm.saga(this.dtm.newGid())
			.step(busi.url("TransOut"), busi.url("TransOutRevert"), Map.of("account", a, "amount", 30))
			.step(busi.url("TransIn"), busi.url("TransInRevert"), Map.of("account", b, "amount", 30))
			.submit();

		awaitStatus(gid, GlobalStatus.SUCCEED);
		assertThat(balance(a)).isEqualTo(70);
		assertThat(balance(b)).isEqualTo(130);
		assertThat(executions.get() - before).as("the repeated TransIn was skipped by the barrier").isEqualTo(2);
	}

	@Test
	void whenAGrpcActionRefusesShouldCompensateThroughTheBarrierAndReportTheFailure() {
		String a = account(100);
		String poor = account(10);

		assertThatExceptionOfType(io.dtm.client.DtmException.class).isThrownBy(() -> this.dtm.saga(this.dtm.newGid())
			.step(busi.url("TransIn"), busi.url("TransInRevert"), Map.of("account", a, "amount", 30))
			.step(busi.url("TransOut"), busi.url("TransOutRevert"), Map.of("account", poor, "amount", 30))
			.waitResult()
			.submit());

		assertThat(balance(a)).as("TransIn compensated").isEqualTo(100);
		assertThat(balance(poor)).as("the refused TransOut changed nothing, its null compensation neither")
			.isEqualTo(10);
	}

	private void awaitStatus(String gid, GlobalStatus status) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(this.dtm.query(gid).orElseThrow().status()).isEqualTo(status));
	}

	private static String account(int balance) {
		String id = "acc-" + UUID.randomUUID();
		jdbc.update("INSERT INTO account (id, balance) VALUES (?, ?)", id, balance);
		return id;
	}

	private static int balance(String account) {
		return jdbc.queryForObject("SELECT balance FROM account WHERE id = ?", Integer.class, account);
	}

}
