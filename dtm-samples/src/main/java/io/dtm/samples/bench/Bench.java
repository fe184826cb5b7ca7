package io.dtm.samples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dtm.samples.bench.LoadRunner.LoadResult;

/**
 * The load generator. For each store it starts the real coordinator as its own process;
 * for each scenario it warms up, measures throughput and {@code submit} latency at full
 * load, then latency again at half that load, and replays the same store writes through
 * plain JDBC at the same concurrency as the same-run baseline. Results go to the console
 * and are appended to a markdown file.
 *
 * <pre>
 * ./mvnw -pl dtm-server,dtm-samples -am -DskipTests package
 * java -cp "dtm-samples/target/classes:dtm-samples/target/lib/*" io.dtm.samples.bench.Bench \
 *     --stores=mariadb,h2 --scenarios=saga-empty,msg,tcc --duration=20 --concurrency=20 [--protocol=grpc]
 * </pre>
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		BenchConfig config = BenchConfig.parse(args);
		List<String> rows = new ArrayList<>();
		try (ParticipantProcess participant = config.scenarios().stream().anyMatch(Scenario::callsParticipant)
				? ParticipantProcess.start() : null) {
			for (StoreKind store : config.stores()) {
				rows.addAll(runStore(config, store, participant));
			}
		}
		String report = report(config, rows);
		System.out.println(report);
		Files.createDirectories(config.output().toAbsolutePath().getParent());
		Files.writeString(config.output(), report + System.lineSeparator(), StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	private static List<String> runStore(BenchConfig config, StoreKind store, ParticipantProcess participant)
			throws Exception {
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"));
		StoreSetup setup = StoreSetup.create(config, store, stamp);
		List<String> rows = new ArrayList<>();
		Path log = Path.of("target", "bench", "coordinator-" + store.name().toLowerCase(Locale.ROOT) + ".log");
		try (CoordinatorProcess coordinator = CoordinatorProcess.start(config.serverJava(), config.serverJar(),
				config.serverJvmArgs(), setup.serverArgs(), log)) {
			for (Scenario scenario : config.scenarios()) {
				rows.add(runScenario(config, store, scenario, coordinator, setup, stamp, participant));
			}
		}
		finally {
			if (store == StoreKind.REDIS) {
				// the coordinator's keys ({bench-<stamp>}…) and the baseline's
				// ({bench-base-<stamp>}…)
				long deleted = RedisBaseline.deleteKeys(config.redisUrl(), "{bench-" + stamp + "}")
						+ RedisBaseline.deleteKeys(config.redisUrl(), "{bench-base-" + stamp + "}");
				System.out.printf(Locale.ROOT, "deleted the run's %d Redis keys%n", deleted);
			}
		}
		return rows;
	}

	private static String runScenario(BenchConfig config, StoreKind store, Scenario scenario,
			CoordinatorProcess coordinator, StoreSetup setup, String stamp, ParticipantProcess participant)
			throws Exception {
		String run = scenario.id() + "-" + stamp;
		try (Workload workload = "grpc".equals(config.protocol())
				? new GrpcWorkload(coordinator.grpcPort(), run, participant)
				: new DtmWorkload(coordinator.baseUrl(), run, participant)) {
			return measure(config, store, scenario, coordinator, setup, stamp, workload, participant);
		}
	}

	private static String measure(BenchConfig config, StoreKind store, Scenario scenario,
			CoordinatorProcess coordinator, StoreSetup setup, String stamp, Workload workload,
			ParticipantProcess participant) throws Exception {
		String run = scenario.id() + "-" + stamp;
		LoadRunner.run(config.concurrency(), config.warmup(), (c, s) -> workload.run(scenario, -s));
		long callsBefore = scenario.callsParticipant() ? participant.calls() : 0;
		double cpuBefore = coordinator.cpuSeconds();
		LoadResult full = LoadRunner.run(config.concurrency(), config.duration(), (c, s) -> workload.run(scenario, s));
		double cpu = coordinator.cpuSeconds() - cpuBefore;
		if (scenario.callsParticipant()) {
			checkBranchCalls(scenario, full, participant.calls() - callsBefore, config.concurrency());
		}
		long rss = coordinator.rssBytes();
		LoadResult half = LoadRunner.run(config.concurrency(), config.duration().dividedBy(2), full.perSecond() / 2,
				(c, s) -> workload.run(scenario, 1_000_000_000L + s));
		LoadResult baseline;
		if (store == StoreKind.REDIS) {
			try (RedisBaseline redis = new RedisBaseline(setup.baselineUrl(), config.concurrency(),
					"{bench-base-" + stamp + "}", participant)) {
				LoadRunner.run(config.concurrency(), config.warmup(), (c, s) -> redis.run(scenario, c, -s));
				baseline = LoadRunner.run(config.concurrency(), config.duration(), (c, s) -> redis.run(scenario, c, s));
			}
		}
		else {
			try (JdbcBaseline jdbc = new JdbcBaseline(setup.baselineUrl(), setup.user(), setup.password(),
					config.concurrency(), run, participant)) {
				LoadRunner.run(config.concurrency(), config.warmup(), (c, s) -> jdbc.run(scenario, c, -s));
				baseline = LoadRunner.run(config.concurrency(), config.duration(), (c, s) -> jdbc.run(scenario, c, s));
			}
		}
		System.out.printf(Locale.ROOT, "%s/%s over %s: %.0f tx/s (p99 %.1f ms), baseline %.0f tx/s%s%n", store,
				scenario.id(), config.protocol(), full.perSecond(), full.percentileMillis(99), baseline.perSecond(),
				(full.firstError() != null) ? "; first error: " + full.firstError() : "");
		return String.format(Locale.ROOT,
				"| %s | %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %.0f | %.0f%% | %.0f | %.0f | %.1f | %.2f | %.1f |",
				scenario.id(), store.name().toLowerCase(Locale.ROOT), config.concurrency(), full.perSecond(),
				full.percentileMillis(50), full.percentileMillis(95), full.percentileMillis(99),
				half.percentileMillis(99), full.errors() + half.errors(), baseline.perSecond(),
				100 * full.perSecond() / baseline.perSecond(), rss / 1048576.0, coordinator.peakRssBytes() / 1048576.0,
				cpu / (full.elapsed().toMillis() / 1000.0), 1000 * cpu / Math.max(1, full.completed()),
				coordinator.startup().toMillis() / 1000.0);
	}

	/**
	 * A saga-http row only counts when the coordinator really called the participant: 2
	 * actions per finished saga (those in flight at the edges of the window may add or
	 * miss a few).
	 */
	private static void checkBranchCalls(Scenario scenario, LoadResult full, long calls, int concurrency) {
		long expected = 2 * full.completed();
		if (calls < expected - 2L * concurrency) {
			throw new IllegalStateException(scenario.id() + ": the participant served " + calls + " branch calls for "
					+ full.completed() + " sagas; expected about " + expected);
		}
	}

	private static String report(BenchConfig config, List<String> rows) {
		StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT,
				"%n### Run %s — %d cores, Java %s, %s, warm-up %ds, %ds measured per scenario, clients over %s, "
						+ "coordinator: %s %s%n%n",
				LocalDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), System.getProperty("os.name"), config.warmup().toSeconds(),
				config.duration().toSeconds(), config.protocol(), config.serverJava(),
				String.join(" ", config.serverJvmArgs())));
		sb.append("| scenario | store | clients | tx/s | p50 ms | p95 ms | p99 ms | p99 ms at ½ load | errors "
				+ "| store baseline tx/s | ratio | RSS MB | peak RSS MB | coordinator CPU cores | CPU ms per tx | start-up s |\n");
		sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		rows.forEach((row) -> sb.append(row).append('\n'));
		return sb.toString();
	}

	/**
	 * Databases of one store run: the coordinator's and the baseline's (separate, same
	 * schema).
	 */
	private record StoreSetup(List<String> serverArgs, String baselineUrl, String user, String password) {

		static StoreSetup create(BenchConfig config, StoreKind store, String stamp) throws IOException, SQLException {
			Path root = CoordinatorProcess.repositoryRoot();
			Path migrations = root.resolve("dtm-server/src/main/resources/db/migration");
			if (store == StoreKind.REDIS) {
				java.net.URI redis = java.net.URI.create(config.redisUrl());
				return new StoreSetup(List.of("--dtm.server.store.type=redis",
						"--spring.data.redis.host=" + redis.getHost(), "--spring.data.redis.port=" + redis.getPort(),
						"--dtm.server.store.redis.prefix={bench-" + stamp + "}"), config.redisUrl(), "", "");
			}
			if (store == StoreKind.H2) {
				Path dir = Files.createTempDirectory("dtm-bench-h2-");
				String baseline = "jdbc:h2:file:" + dir.resolve("baseline")
						+ "/dtm;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
				JdbcBaseline.createSchema(baseline, "sa", "",
						Files.readString(migrations.resolve("h2/V1__dtm_schema.sql")));
				return new StoreSetup(List.of("--dtm.server.store.h2.data-dir=" + dir.resolve("coordinator")), baseline,
						"sa", "");
			}
			String coordinatorDb = database(config, "dtm_bench_" + stamp + "_c");
			String baselineDb = database(config, "dtm_bench_" + stamp + "_b");
			JdbcBaseline.createSchema(baselineDb, config.mysqlUser(), config.mysqlPassword(),
					Files.readString(migrations.resolve("mysql/V1__dtm_schema.sql")));
			return new StoreSetup(
					List.of("--spring.datasource.url=" + coordinatorDb,
							"--spring.datasource.username=" + config.mysqlUser(),
							"--spring.datasource.password=" + config.mysqlPassword(),
							"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
							"--spring.datasource.hikari.maximum-pool-size=" + Math.max(20, config.concurrency() + 4)),
					baselineDb, config.mysqlUser(), config.mysqlPassword());
		}

		private static String database(BenchConfig config, String name) throws SQLException {
			try (Connection connection = DriverManager.getConnection(config.mysqlUrl(), config.mysqlUser(),
					config.mysqlPassword()); Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
			}
			String url = config.mysqlUrl();
			int slash = url.indexOf('/', "jdbc:mysql://".length());
			int query = url.indexOf('?');
			return ((slash > 0) ? url.substring(0, slash) : url) + "/" + name
					+ ((query > 0) ? url.substring(query) : "");
		}

	}

}
