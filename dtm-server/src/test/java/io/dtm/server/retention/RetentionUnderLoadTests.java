package io.dtm.server.retention;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.TestStores;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention cleanup on a real MariaDB with 100,000 finished transactions due (200,000
 * branch rows) while four clients keep submitting sagas: every saga succeeds, every due
 * transaction and its branches go, unfinished old transactions and the new sagas stay.
 * The sweep is started by the test (the scheduled interval is an hour) so it runs exactly
 * while the load does.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dtm.server.retention.finished=1h", "dtm.server.retention.interval=1h",
				"dtm.server.retention.batch-size=1000", "dtm.server.retention.batch-pause=20ms" })
class RetentionUnderLoadTests {

	private static final int DUE = 100_000;

	private static final int UNFINISHED = 1_000;

	private static final int CLIENTS = 4;

	@LocalServerPort
	int port;

	@Autowired
	private RetentionJob job;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.mariadb(registry, "retention");
		// the default retry interval: with the suites' 1 s a saga pass slowed down by the
		// shared CI machine is also leased by the cron, and the client's wait_result then
		// answers that the saga is not finished yet
		registry.add("dtm.server.retry-interval", () -> "10s");
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "20");
	}

	@Test
	void whenOneHundredThousandFinishedTransactionsAreDueShouldDeleteThemWhileSagasKeepSucceeding() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		LocalDateTime old = LocalDateTime.now().minusDays(2).truncatedTo(ChronoUnit.SECONDS);
		insertTransactions(jdbc, "due-", DUE, old);
		insertTransactions(jdbc, "open-", UNFINISHED, old);
		assertThat(count(jdbc, "SELECT count(*) FROM trans_branch_op WHERE gid LIKE 'due-%'")).isEqualTo(2L * DUE);

		AtomicBoolean running = new AtomicBoolean(true);
		Queue<String> submitted = new ConcurrentLinkedQueue<>();
		Queue<String> errors = new ConcurrentLinkedQueue<>();
		CountDownLatch warm = new CountDownLatch(CLIENTS * 20);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			clients.submit(() -> submitSagas(client, running, submitted, errors, warm));
		}
		assertThat(warm.await(60, TimeUnit.SECONDS)).as("clients warmed up, errors: %s", errors).isTrue();
		int baselineStart = submitted.size();
		Thread.sleep(3000);
		int baseline = submitted.size() - baselineStart;
		int before = submitted.size();
		long start = System.nanoTime();
		this.job.sweep();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		int during = submitted.size() - before;
		Thread.sleep(500);
		running.set(false);
		clients.shutdown();
		assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		System.out.printf(
				"retention under load: deleted %d transactions (%d branch rows) in %.1f s "
						+ "(%.0f transactions/s) while %d clients submitted %d sagas (%.0f sagas/s; %.0f sagas/s "
						+ "in the 3 s before)%n",
				DUE, 2 * DUE, took.toMillis() / 1000.0, DUE * 1000.0 / took.toMillis(), CLIENTS, during,
				during * 1000.0 / took.toMillis(), baseline / 3.0);
		assertThat(errors).isEmpty();
		assertThat(during).as("sagas submitted while the cleanup ran").isPositive();
		assertThat(count(jdbc, "SELECT count(*) FROM trans_global WHERE gid LIKE 'due-%'")).isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM trans_branch_op WHERE gid LIKE 'due-%'")).isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM trans_global WHERE gid LIKE 'open-%' AND status = 'prepared'"))
			.isEqualTo(UNFINISHED);
		assertThat(count(jdbc, "SELECT count(*) FROM trans_branch_op WHERE gid LIKE 'open-%'"))
			.isEqualTo(2L * UNFINISHED);
		assertThat(count(jdbc, "SELECT count(*) FROM trans_global WHERE gid LIKE 'load-%' AND status = 'succeed'"))
			.isEqualTo(submitted.size());
		assertThat(this.meters.get("dtm.retention.deleted").counter().count()).isEqualTo(DUE);
	}

	private void submitSagas(int client, AtomicBoolean running, Queue<String> submitted, Queue<String> errors,
			CountDownLatch warm) {
		DtmHttp http = new DtmHttp(this.port);
		int i = 0;
		while (running.get()) {
			String gid = "load-" + client + "-" + i++;
			try {
				DtmHttp.Reply reply = http.post("/api/dtmsvr/submit", "{\"gid\":\"" + gid
						+ "\",\"trans_type\":\"saga\","
						+ "\"wait_result\":true,\"steps\":[{\"action\":\"\",\"compensate\":\"\"}],\"payloads\":[\"\"]}");
				if (reply.status() == 200 && reply.body().contains("SUCCESS")) {
					submitted.add(gid);
				}
				else {
					errors.add(gid + ": " + reply.status() + " " + reply.body());
				}
			}
			catch (RuntimeException ex) {
				errors.add(gid + ": " + ex);
			}
			warm.countDown();
		}
	}

	/**
	 * Transactions written as dtm's tables hold them, 1,000 rows a statement: those named
	 * {@code due-} finished (half succeed, half failed) at {@code time}, those named
	 * {@code open-} prepared msgs whose next check is a day away; two branches each.
	 */
	private static void insertTransactions(JdbcTemplate jdbc, String prefix, int count, LocalDateTime time) {
		boolean finished = prefix.equals("due-");
		String at = "'" + time.toString().replace('T', ' ') + "'";
		String later = "'" + time.plusDays(3).toString().replace('T', ' ') + "'";
		for (int from = 0; from < count; from += 1000) {
			List<String> globals = new ArrayList<>();
			List<String> branches = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + 1000); i++) {
				String gid = "'" + prefix + i + "'";
				String status = finished ? ((i % 2 == 0) ? "succeed" : "failed") : "prepared";
				globals.add("(" + gid + ", '" + (finished ? "saga" : "msg") + "', '" + status + "', '', 'http', " + at
						+ ", " + at + ", '', '', 10, " + (finished ? at : later) + ", '', '', '')");
				for (String op : List.of("action", "compensate")) {
					branches.add("(" + gid + ", 'http://p/" + op + "', '', 'x', '01', '" + op + "', '"
							+ (finished ? "succeed" : "prepared") + "', " + at + ", " + at + ")");
				}
			}
			jdbc.update("INSERT INTO trans_global (gid, trans_type, status, query_prepared, protocol, create_time, "
					+ "update_time, options, custom_data, next_cron_interval, next_cron_time, owner, result, "
					+ "rollback_reason) VALUES " + String.join(", ", globals));
			jdbc.update("INSERT INTO trans_branch_op (gid, url, data, bin_data, branch_id, op, status, create_time, "
					+ "update_time) VALUES " + String.join(", ", branches));
		}
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

}
