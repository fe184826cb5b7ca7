package io.dtm.samples.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line settings of the bench.
 *
 * @param scenarios workloads to run
 * @param stores stores to run them on
 * @param warmup warm-up time per run (not measured)
 * @param duration measured time per run
 * @param concurrency concurrent clients
 * @param serverJar the coordinator jar
 * @param mysqlUrl admin JDBC URL of the MySQL-compatible server (a fresh database is
 * created)
 * @param mysqlUser user
 * @param mysqlPassword password
 * @param output markdown file the results are appended to
 * @param redisUrl Redis URL for the Redis store and its baseline
 * @param serverJvmArgs extra JVM options for the coordinator process (e.g. a JFR
 * recording)
 * @param protocol the coordinator API the clients use: {@code http} or {@code grpc}
 * @param serverJava the {@code java} launcher of the coordinator process (e.g. a newer
 * JDK's, for virtual threads)
 */
public record BenchConfig(List<Scenario> scenarios, List<StoreKind> stores, Duration warmup, Duration duration,
		int concurrency, Path serverJar, String mysqlUrl, String mysqlUser, String mysqlPassword, Path output,
		String redisUrl, List<String> serverJvmArgs, String protocol, String serverJava) {

	/**
	 * Parse {@code --key=value} arguments; environment variables fill the database
	 * settings.
	 * @param args the arguments
	 * @return the settings
	 */
	public static BenchConfig parse(String[] args) {
		List<Scenario> scenarios = List.of(Scenario.SAGA_EMPTY);
		List<StoreKind> stores = List.of(StoreKind.H2);
		Duration warmup = Duration.ofSeconds(5);
		Duration duration = Duration.ofSeconds(20);
		int concurrency = 20;
		Path jar = null;
		Path output = Path.of("target", "bench-results.md");
		List<String> jvmArgs = List.of();
		String protocol = "http";
		String serverJava = ProcessHandle.current().info().command().orElse("java");
		for (String arg : args) {
			String[] kv = arg.replaceFirst("^--", "").split("=", 2);
			String value = (kv.length > 1) ? kv[1] : "";
			switch (kv[0]) {
				case "scenario", "scenarios" -> scenarios = parseList(value, Scenario::parse);
				case "store", "stores" -> stores = parseList(value, StoreKind::parse);
				case "warmup" -> warmup = seconds(value);
				case "duration" -> duration = seconds(value);
				case "concurrency" -> concurrency = Integer.parseInt(value);
				case "server-jar" -> jar = Path.of(value);
				case "output" -> output = Path.of(value);
				case "server-jvm-args" -> jvmArgs = List.of(value.trim().split("\\s+"));
				case "protocol" -> protocol = protocol(value);
				case "server-java" -> serverJava = value;
				default -> throw new IllegalArgumentException("unknown option --" + kv[0] + "; see Bench usage");
			}
		}
		return new BenchConfig(scenarios, stores, warmup, duration, concurrency,
				(jar != null) ? jar : CoordinatorProcess.findServerJar(),
				env("DTM_BENCH_MYSQL_URL", env("DTM_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/dtm")),
				env("DTM_BENCH_MYSQL_USER", env("DTM_TEST_MYSQL_USER", "dtm")),
				env("DTM_BENCH_MYSQL_PASSWORD", env("DTM_TEST_MYSQL_PASSWORD", "dtm")), output,
				env("DTM_BENCH_REDIS_URL", env("DTM_TEST_REDIS_URL", "redis://127.0.0.1:6379")), jvmArgs, protocol,
				serverJava);
	}

	private static String protocol(String value) {
		String protocol = value.trim().toLowerCase(Locale.ROOT);
		if (!protocol.equals("http") && !protocol.equals("grpc")) {
			throw new IllegalArgumentException("unknown protocol '" + value + "' (http, grpc)");
		}
		return protocol;
	}

	private static <T> List<T> parseList(String value, java.util.function.Function<String, T> parser) {
		List<T> items = new ArrayList<>();
		for (String item : value.split(",")) {
			items.add(parser.apply(item.trim().toLowerCase(Locale.ROOT)));
		}
		return List.copyOf(items);
	}

	private static Duration seconds(String value) {
		String v = value.toLowerCase(Locale.ROOT);
		if (v.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
		}
		return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isEmpty()) ? value : fallback;
	}

}
