package io.dtm.server.crash;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dtm.server.testsupport.CoordinatorProcess;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.TcpProxy;
import io.dtm.server.testsupport.ThrowAwayRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite. Coordinators run as their own JVMs with <em>default</em> timings; a
 * load with one transaction of every {@link Phase} (every mode, stopped in every phase it
 * has: in an action, in a compensation, prepared and abandoned by its client…) is put on
 * them, each with a slow branch in flight; then a fault hits: SIGKILL of the only
 * coordinator (MariaDB, Redis with AOF), SIGKILL of one of three, a 30-second store
 * outage (MariaDB cut away by a proxy, Redis killed and restarted from its AOF), or a
 * sustained soak. Every transaction must reach its expected final state within 30 seconds
 * of the fault ending. Each scenario prints one line with lost, stuck, wrong final state,
 * missing calls, duplicate calls and the time to final. {@code -Ddtm.fault.per-mode=N}
 * sets the load (2 of each phase by default), {@code -Ddtm.fault.soak-seconds},
 * {@code -Ddtm.fault.outage-seconds} and {@code -Ddtm.fault.coordinator-args} (extra
 * {@code --key=value} arguments, comma separated) the rest; {@code docs/reliability.md}
 * has the figures of a full run.
 */
@Tag("integration")
class FaultSuiteIT {

	private static final Duration FINAL_WITHIN = Duration.ofSeconds(30);

	private static final int PER_PHASE = Integer.getInteger("dtm.fault.per-mode", 2);

	private static final int OUTAGE_SECONDS = Integer.getInteger("dtm.fault.outage-seconds", 30);

	private static final int SOAK_SECONDS = Integer.getInteger("dtm.fault.soak-seconds", 20);

	private static final List<String> EXTRA_ARGS = List
		.of(System.getProperty("dtm.fault.coordinator-args", "").split(","))
		.stream()
		.filter((arg) -> !arg.isBlank())
		.toList();

	private final List<CoordinatorProcess> coordinators = new ArrayList<>();

	private ScriptedParticipant participant;

	private ThrowAwayRedis redis;

	private TcpProxy proxy;

	private Path redisDir;

	@BeforeEach
	void start() {
		this.participant = ScriptedParticipant.start();
	}

	@AfterEach
	void stop() {
		this.coordinators.forEach(CoordinatorProcess::close);
		this.participant.close();
		if (this.redis != null) {
			this.redis.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Test
	void whenTheOnlyCoordinatorIsKilledOnMariaDbShouldARestartFinishEveryTransaction() throws Exception {
		killAndRestart("mariadb-restart", mariadb(null));
	}

	@Test
	void whenTheOnlyCoordinatorIsKilledOnRedisWithAofShouldARestartFinishEveryTransaction() throws Exception {
		killAndRestart("redis-restart", redisWithAof());
	}

	private void killAndRestart(String scenario, List<String> store) throws Exception {
		CoordinatorProcess victim = start(scenario, store);
		Map<String, Expected> load = submitLoad(scenario, victim.http());
		victim.close();
		long killed = System.nanoTime();
		CoordinatorProcess replacement = start(scenario + "-replacement", store);
		awaitFinal(scenario + " (SIGKILL, then a new process)", load, replacement.http(), killed).assertClean();
	}

	@Test
	void whenOneOfThreeCoordinatorsIsKilledUnderLoadShouldTheOthersFinishEveryTransaction() throws Exception {
		List<String> store = mariadb(null);
		CoordinatorProcess victim = start("three-0", store);
		CoordinatorProcess second = start("three-1", store);
		start("three-2", store);
		Map<String, Expected> load = submitLoad("three-b", second.http());
		load.putAll(submitLoad("three-a", victim.http()));
		victim.close();
		long killed = System.nanoTime();
		awaitFinal("mariadb-3-instances (SIGKILL of one under load)", load, second.http(), killed).assertClean();
	}

	@Test
	void whenMariaDbIsAwayForThirtySecondsUnderLoadShouldEveryTransactionFinishOnceItReturns() throws Exception {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("fault");
		URI uri = URI.create(db.url().substring("jdbc:".length()));
		this.proxy = TcpProxy.start(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 3306);
		CoordinatorProcess coordinator = start("mariadb-outage", mariadb(this.proxy));
		Map<String, Expected> load = submitLoad("mariadb-outage", coordinator.http());
		this.proxy.cut();
		DtmHttp.Reply during = coordinator.http()
			.post("/api/dtmsvr/submit", "{\"gid\":\"during-outage\","
					+ "\"trans_type\":\"saga\",\"steps\":[{\"action\":\"\",\"compensate\":\"\"}]}");
		assertThat(during.status()).as(during.body()).isEqualTo(503);
		assertThat(during.body()).contains("D1001").doesNotContainIgnoringCase("sql");
		Thread.sleep(OUTAGE_SECONDS * 1000L);
		this.proxy.open();
		long back = System.nanoTime();
		awaitFinal("mariadb-outage (" + OUTAGE_SECONDS + " s store outage)", load, coordinator.http(), back)
			.assertClean();
		assertThat(stackTraces(coordinator)).as("stack traces in the log, " + coordinator.log()).isZero();
	}

	@Test
	void whenRedisIsKilledAndRestartedFromItsAofUnderLoadShouldEveryTransactionFinish() throws Exception {
		List<String> store = redisWithAof();
		CoordinatorProcess coordinator = start("redis-outage", store);
		Map<String, Expected> load = submitLoad("redis-outage", coordinator.http());
		this.redis.kill();
		Thread.sleep(OUTAGE_SECONDS * 1000L);
		this.redis = ThrowAwayRedis.startOn(this.redis.port(), aofArguments(this.redisDir));
		long back = System.nanoTime();
		awaitFinal("redis-outage (redis-server SIGKILL, " + OUTAGE_SECONDS + " s, restart from AOF)", load,
				coordinator.http(), back)
			.assertClean();
	}

	@Test
	void whenUnderSustainedLoadShouldEveryTransactionSucceedAndMetricSeriesStayFlat() throws Exception {
		CoordinatorProcess coordinator = start("soak", mariadb(null));
		DtmHttp http = coordinator.http();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicLong failures = new AtomicLong();
		List<String> gids = Collections.synchronizedList(new ArrayList<>());
		long warm = soak(http, Duration.ofSeconds(3), latencies, failures, gids);
		long rssWarm = rssKb(coordinator);
		int seriesWarm = series(http);
		latencies.clear();
		long sagas = soak(http, Duration.ofSeconds(SOAK_SECONDS), latencies, failures, gids);
		long rssEnd = rssKb(coordinator);
		int seriesEnd = series(http);
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		long p99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99));
		System.out.printf(
				"[fault] soak: %d sagas in %d s (%.0f/s, 2 HTTP branches each, 4 clients), failures %d, p99 %d ms,"
						+ " RSS %d MB after warm-up -> %d MB at the end, dtm_ series %d -> %d%n",
				sagas, SOAK_SECONDS, sagas / (double) SOAK_SECONDS, failures.get(), p99, rssWarm / 1024, rssEnd / 1024,
				seriesWarm, seriesEnd);
		assertThat(warm + sagas).isPositive();
		assertThat(failures.get()).as("failed sagas").isZero();
		assertThat(seriesEnd).as("metric series after the soak").isEqualTo(seriesWarm);
		assertThat(gids).as("every soak saga succeeded")
			.allSatisfy((gid) -> assertThat(http.status(gid)).isEqualTo("succeed"));
	}

	private long soak(DtmHttp http, Duration duration, List<Long> latencies, AtomicLong failures, List<String> gids)
			throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(4);
		long until = System.nanoTime() + duration.toNanos();
		AtomicLong count = new AtomicLong();
		List<Future<?>> futures = new ArrayList<>();
		for (int c = 0; c < 4; c++) {
			futures.add(clients.submit(() -> {
				while (System.nanoTime() < until) {
					String gid = "soak-" + UUID.randomUUID();
					long started = System.nanoTime();
					DtmHttp.Reply reply = http.post("/api/dtmsvr/submit",
							"{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"wait_result\":true,\"steps\":["
									+ step(this.participant, gid, 1) + "," + step(this.participant, gid, 2)
									+ "],\"payloads\":[\"{}\",\"{}\"]}");
					latencies.add((System.nanoTime() - started) / 1_000_000);
					if (reply.status() != 200) {
						failures.incrementAndGet();
					}
					if (count.incrementAndGet() % 50 == 0) {
						gids.add(gid);
					}
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		clients.shutdown();
		clients.awaitTermination(10, TimeUnit.SECONDS);
		return count.get();
	}

	private List<String> redisWithAof() throws IOException {
		this.redisDir = Files.createTempDirectory("fault-redis");
		this.redis = ThrowAwayRedis.start(aofArguments(this.redisDir));
		return List.of("--dtm.server.store.type=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + this.redis.port());
	}

	private static String[] aofArguments(Path dir) {
		return new String[] { "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString() };
	}

	private static List<String> mariadb(TcpProxy proxy) {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("fault");
		String url = db.url();
		if (proxy != null) {
			URI uri = URI.create(url.substring("jdbc:".length()));
			url = url.replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + proxy.port());
		}
		return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + db.password(),
				"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
				"--spring.jpa.properties.jakarta.persistence.database-product-version=10.11");
	}

	private CoordinatorProcess start(String name, List<String> store) {
		List<String> arguments = new ArrayList<>(store);
		arguments.addAll(EXTRA_ARGS);
		CoordinatorProcess coordinator = CoordinatorProcess.start("fault-" + name, arguments);
		this.coordinators.add(coordinator);
		return coordinator;
	}

	private Map<String, Expected> submitLoad(String scenario, DtmHttp http) throws InterruptedException {
		Map<String, Expected> load = new LinkedHashMap<>();
		for (int i = 0; i < PER_PHASE; i++) {
			for (Phase phase : Phase.values()) {
				String gid = scenario + "-" + phase.name().toLowerCase().replace('_', '-') + "-" + i + "-"
						+ UUID.randomUUID().toString().substring(0, 8);
				load.put(gid, phase.start(http, this.participant, gid));
			}
		}
		// let the first branch calls start, so the fault finds them in flight
		Thread.sleep(1000);
		return load;
	}

	private Report awaitFinal(String scenario, Map<String, Expected> load, DtmHttp http, long faultEnded)
			throws InterruptedException {
		long deadline = faultEnded + FINAL_WITHIN.toNanos() + Duration.ofSeconds(15).toNanos();
		Map<String, String> finals = new LinkedHashMap<>();
		long lastFinal = faultEnded;
		while (System.nanoTime() < deadline && finals.size() < load.size()) {
			for (String gid : load.keySet()) {
				if (!finals.containsKey(gid)) {
					String status = statusOrNull(http, gid);
					if ("succeed".equals(status) || "failed".equals(status)) {
						finals.put(gid, status);
						lastFinal = System.nanoTime();
					}
				}
			}
			Thread.sleep(200);
		}
		Report report = new Report(scenario, load.size(), Duration.ofNanos(lastFinal - faultEnded));
		for (Map.Entry<String, Expected> entry : load.entrySet()) {
			String gid = entry.getKey();
			String status = statusOrNull(http, gid);
			if (status == null) {
				report.lost.add(gid);
			}
			else if (!finals.containsKey(gid)) {
				report.stuck.add(gid + " (" + status + ")");
			}
			else if (!entry.getValue().status().equals(status)) {
				report.wrong.add(gid + " (" + status + ", expected " + entry.getValue().status() + ")");
			}
			List<String> trace = this.participant.trace(gid);
			for (String call : entry.getValue().calls()) {
				if (!trace.contains(call)) {
					report.missing.add(gid + " " + call);
				}
			}
			report.duplicates += trace.size() - trace.stream().distinct().count();
		}
		System.out.println(report);
		return report;
	}

	private static String statusOrNull(DtmHttp http, String gid) {
		try {
			return http.status(gid);
		}
		catch (RuntimeException ex) {
			return "unreachable";
		}
	}

	private static long rssKb(CoordinatorProcess coordinator) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + coordinator.pid() + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return -1;
	}

	private static int series(DtmHttp http) {
		return (int) http.get("/actuator/prometheus").body().lines().filter((l) -> l.startsWith("dtm_")).count();
	}

	private static long stackTraces(CoordinatorProcess coordinator) {
		Matcher frames = Pattern.compile("^\\s+at [a-z]", Pattern.MULTILINE).matcher(coordinator.logText());
		return frames.results().count();
	}

	static String step(ScriptedParticipant p, String gid, int step) {
		return "{\"action\":\"" + p.url("/" + gid + "/a" + step) + "\",\"compensate\":\""
				+ p.url("/" + gid + "/c" + step) + "\"}";
	}

	/**
	 * What a transaction must end as.
	 *
	 * @param status final global status
	 * @param calls branch calls ({@code path@op}) that must have been made
	 */
	record Expected(String status, List<String> calls) {

	}

	/**
	 * One report line per scenario.
	 */
	static final class Report {

		final String scenario;

		final int transactions;

		final Duration toFinal;

		final List<String> lost = new ArrayList<>();

		final List<String> stuck = new ArrayList<>();

		final List<String> wrong = new ArrayList<>();

		final List<String> missing = new ArrayList<>();

		long duplicates;

		Report(String scenario, int transactions, Duration toFinal) {
			this.scenario = scenario;
			this.transactions = transactions;
			this.toFinal = toFinal;
		}

		void assertClean() {
			assertThat(this.lost).as("lost in " + this.scenario).isEmpty();
			assertThat(this.stuck).as("stuck in " + this.scenario).isEmpty();
			assertThat(this.wrong).as("wrong final state in " + this.scenario).isEmpty();
			assertThat(this.missing).as("missing calls in " + this.scenario).isEmpty();
			assertThat(this.toFinal).as("time to final after the fault in " + this.scenario)
				.isLessThanOrEqualTo(FINAL_WITHIN);
		}

		@Override
		public String toString() {
			return String.format(
					"[fault] %s: %d transactions, lost %d, stuck %d, wrong %d, missing calls %d, duplicate calls %d,"
							+ " all final %.1f s after the fault%s",
					this.scenario, this.transactions, this.lost.size(), this.stuck.size(), this.wrong.size(),
					this.missing.size(), this.duplicates, this.toFinal.toMillis() / 1000.0,
					(this.stuck.isEmpty() && this.wrong.isEmpty()) ? ""
							: "; stuck " + this.stuck + "; wrong " + this.wrong + "; missing " + this.missing);
		}

	}

}
