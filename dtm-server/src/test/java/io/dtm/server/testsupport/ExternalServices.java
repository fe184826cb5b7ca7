package io.dtm.server.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Real services for integration tests, found in this order: explicit environment
 * variables ({@code DTM_TEST_MYSQL_URL}, {@code DTM_TEST_MYSQL_USER},
 * {@code DTM_TEST_MYSQL_PASSWORD}; {@code DTM_TEST_REDIS_URL}), then Testcontainers when
 * a Docker engine answers, else a loud failure. Tests never skip because a service is
 * missing.
 */
public final class ExternalServices {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static Db mysql;

	private static Redis redis;

	private ExternalServices() {
	}

	/**
	 * The MySQL-compatible server.
	 * @return its admin connection settings
	 */
	public static synchronized Db mysql() {
		if (mysql != null) {
			return mysql;
		}
		String url = System.getenv("DTM_TEST_MYSQL_URL");
		if (url != null && !url.isBlank()) {
			mysql = new Db(url, env("DTM_TEST_MYSQL_USER", "root"), env("DTM_TEST_MYSQL_PASSWORD", ""), "env");
			return mysql;
		}
		if (dockerAvailable()) {
			MySQLContainer<?> container = new MySQLContainer<>("mysql:8.0").withDatabaseName("dtm")
				.withUsername("root")
				.withPassword("dtm");
			container.start();
			mysql = new Db(container.getJdbcUrl(), "root", "dtm", "testcontainers");
			return mysql;
		}
		throw new IllegalStateException("No MySQL-compatible database for integration tests: set DTM_TEST_MYSQL_URL "
				+ "(e.g. jdbc:mysql://127.0.0.1:3306/dtm) plus DTM_TEST_MYSQL_USER and DTM_TEST_MYSQL_PASSWORD "
				+ "(bash .ci/run does this), or make a Docker engine reachable for Testcontainers. "
				+ "Refusing to skip silently.");
	}

	/**
	 * The Redis server: {@code DTM_TEST_REDIS_URL} (e.g. {@code redis://127.0.0.1:6379}),
	 * else a {@code redis:7} container when Docker answers, else a loud failure.
	 * @return its URL
	 */
	public static synchronized Redis redis() {
		if (redis != null) {
			return redis;
		}
		String url = System.getenv("DTM_TEST_REDIS_URL");
		if (url != null && !url.isBlank()) {
			redis = new Redis(url.trim(), "env");
			return redis;
		}
		if (dockerAvailable()) {
			GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7"))
				.withExposedPorts(6379);
			container.start();
			redis = new Redis("redis://" + container.getHost() + ":" + container.getMappedPort(6379), "testcontainers");
			return redis;
		}
		throw new IllegalStateException("No Redis for integration tests: set DTM_TEST_REDIS_URL "
				+ "(e.g. redis://127.0.0.1:6379; bash .ci/run does this), or make a Docker engine reachable for "
				+ "Testcontainers. Refusing to skip silently.");
	}

	/**
	 * A new empty database on the MySQL-compatible server, so each test class has its own
	 * transactions and cron backlog.
	 * @param prefix a readable prefix
	 * @return settings pointing at the new database
	 */
	public static Db freshMysqlDatabase(String prefix) {
		Db server = mysql();
		String name = ("dtm_" + prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
			.toLowerCase(java.util.Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name);
			statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create test database " + name + " on " + server.url() + " as user '"
					+ server.user() + "' (it needs CREATE on dtm_%): " + ex.getMessage(), ex);
		}
		return new Db(withDatabase(server.url(), name), server.user(), server.password(), server.source());
	}

	private static String withDatabase(String url, String database) {
		int start = url.indexOf('/', "jdbc:mysql://".length());
		int query = url.indexOf('?');
		String base = (start > 0) ? url.substring(0, start) : url;
		String params = (query > 0) ? url.substring(query) : "";
		return base + "/" + database + params;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
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
	 * @param source where they came from ({@code env} or {@code testcontainers})
	 */
	public record Db(String url, String user, String password, String source) {

	}

	/**
	 * Redis connection settings.
	 *
	 * @param url Redis URL
	 * @param source where it came from ({@code env} or {@code testcontainers})
	 */
	public record Redis(String url, String source) {

	}

}
