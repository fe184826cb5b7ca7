package io.dtm.server.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The real services of the integration tests of every module (dtm-server, the starter and
 * the samples use this one class through dtm-server's test jar). Each service is looked
 * for in this order, once per JVM:
 * <ol>
 * <li>the {@code DTM_TEST_*} environment variables: {@code DTM_TEST_MYSQL_URL},
 * {@code DTM_TEST_MYSQL_USER}, {@code DTM_TEST_MYSQL_PASSWORD};
 * {@code DTM_TEST_REDIS_URL}; {@code DTM_TEST_PG_URL}, {@code DTM_TEST_PG_USER},
 * {@code DTM_TEST_PG_PASSWORD};</li>
 * <li>the standard local address, if it answers ({@link LocalServices}): MariaDB/MySQL on
 * 127.0.0.1:3306 as {@code root} with an empty password, Redis on 127.0.0.1:6379,
 * PostgreSQL on 127.0.0.1:5432 as {@code postgres};</li>
 * <li>a Testcontainers container, when a Docker engine answers
 * ({@link ContainerServices});</li>
 * <li>else a failure naming every place tried. Tests never skip because a service is
 * missing.</li>
 * </ol>
 * A test of the fast phase ({@code ./mvnw test}) that asks for a service fails at once:
 * see {@link TestPhase}.
 */
public final class ExternalServices {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static Db mysql;

	private static Db postgres;

	private static Redis redis;

	private ExternalServices() {
	}

	/**
	 * The MySQL-compatible server.
	 * @return its admin connection settings; the URL names a database that exists
	 */
	public static synchronized Db mysql() {
		TestPhase.requireIntegration("a MySQL-compatible database");
		if (mysql == null) {
			mysql = find(
					"MySQL-compatible database", List.of(
							(tried) -> fromEnvironment(tried, "DTM_TEST_MYSQL_URL",
									(url) -> new Db(url, env("DTM_TEST_MYSQL_USER", "root"),
											env("DTM_TEST_MYSQL_PASSWORD", ""), "env")),
							LocalServices::mysql, ContainerServices::mysql),
					"set DTM_TEST_MYSQL_URL (e.g. jdbc:mysql://127.0.0.1:3306/dtm) plus DTM_TEST_MYSQL_USER and "
							+ "DTM_TEST_MYSQL_PASSWORD, or let root log in without a password on 127.0.0.1:3306");
		}
		return mysql;
	}

	/**
	 * A new empty database on the MySQL-compatible server, so each test class has its own
	 * transactions and cron backlog.
	 * @param prefix a readable prefix
	 * @return settings pointing at the new database
	 */
	public static Db freshMysqlDatabase(String prefix) {
		Db server = mysql();
		String name = freshName(prefix);
		execute(server, "it needs CREATE on dtm_%", "DROP DATABASE IF EXISTS " + name,
				"CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		String url = server.url();
		int start = url.indexOf('/', "jdbc:mysql://".length());
		int query = url.indexOf('?');
		String base = (start > 0) ? url.substring(0, start) : url;
		String params = (query > 0) ? url.substring(query) : "";
		return new Db(base + "/" + name + params, server.user(), server.password(), server.source());
	}

	/**
	 * The PostgreSQL server.
	 * @return its connection settings; the URL names a database that exists
	 */
	public static synchronized Db postgres() {
		TestPhase.requireIntegration("a PostgreSQL database");
		if (postgres == null) {
			postgres = find(
					"PostgreSQL database", List.of(
							(tried) -> fromEnvironment(tried, "DTM_TEST_PG_URL",
									(url) -> new Db(url, env("DTM_TEST_PG_USER", "postgres"),
											env("DTM_TEST_PG_PASSWORD", ""), "env")),
							LocalServices::postgres, ContainerServices::postgres),
					"set DTM_TEST_PG_URL (e.g. jdbc:postgresql://127.0.0.1:5432/dtm_test) plus DTM_TEST_PG_USER and "
							+ "DTM_TEST_PG_PASSWORD, or let postgres log in without a password (trust) on "
							+ "127.0.0.1:5432");
		}
		return postgres;
	}

	/**
	 * A new empty schema on the PostgreSQL server, made the connection's default.
	 * @param prefix a readable prefix
	 * @return settings whose URL selects the schema
	 */
	public static Db freshPostgresSchema(String prefix) {
		Db server = postgres();
		String name = freshName(prefix);
		execute(server, "it needs CREATE on the database", "DROP SCHEMA IF EXISTS " + name + " CASCADE",
				"CREATE SCHEMA " + name);
		String url = server.url() + ((server.url().indexOf('?') >= 0) ? "&" : "?") + "currentSchema=" + name;
		return new Db(url, server.user(), server.password(), server.source());
	}

	/**
	 * The Redis server.
	 * @return its URL
	 */
	public static synchronized Redis redis() {
		TestPhase.requireIntegration("Redis");
		if (redis == null) {
			redis = find("Redis server",
					List.of((tried) -> fromEnvironment(tried, "DTM_TEST_REDIS_URL", (url) -> new Redis(url, "env")),
							LocalServices::redis, ContainerServices::redis),
					"set DTM_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379), or run Redis without a password on "
							+ "127.0.0.1:6379");
		}
		return redis;
	}

	static <T> T find(String what, List<Function<List<String>, Optional<T>>> sources, String fix) {
		List<String> tried = new ArrayList<>();
		for (Function<List<String>, Optional<T>> source : sources) {
			Optional<T> found = source.apply(tried);
			if (found.isPresent()) {
				return found.get();
			}
		}
		throw new IllegalStateException("No " + what + " for integration tests. Tried, in order:\n  - "
				+ String.join("\n  - ", tried) + "\nTo fix: " + fix
				+ " (bash .ci/run sets up MariaDB, Redis and PostgreSQL so), or make a Docker engine reachable for "
				+ "Testcontainers. Refusing to skip the test silently.");
	}

	private static <T> Optional<T> fromEnvironment(List<String> tried, String variable, Function<String, T> settings) {
		String url = System.getenv(variable);
		if (url == null || url.isBlank()) {
			tried.add(variable + ": not set");
			return Optional.empty();
		}
		return Optional.of(settings.apply(url.trim()));
	}

	private static String freshName(String prefix) {
		return ("dtm_" + prefix + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet())
			.toLowerCase(Locale.ROOT);
	}

	private static void execute(Db db, String needs, String... statements) {
		try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot prepare a test database on " + db.url() + " as user '" + db.user()
					+ "' (" + needs + "): " + ex.getMessage(), ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	/**
	 * Connection settings.
	 *
	 * @param url JDBC URL
	 * @param user user
	 * @param password password
	 * @param source where they came from: {@code env}, {@code local},
	 * {@code testcontainers} (or anything a test passes for its own embedded database)
	 */
	public record Db(String url, String user, String password, String source) {

	}

	/**
	 * Redis connection settings.
	 *
	 * @param url Redis URL
	 * @param source where it came from: {@code env}, {@code local} or
	 * {@code testcontainers}
	 */
	public record Redis(String url, String source) {

	}

}
