package io.dtm.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Real services for integration tests (the starter's copy of dtm-server's helper), found
 * in this order: explicit environment variables, then Testcontainers when a Docker engine
 * answers, else a loud failure. Tests never skip because a service is missing.
 * <ul>
 * <li>MySQL-compatible: {@code DTM_TEST_MYSQL_URL}, {@code DTM_TEST_MYSQL_USER},
 * {@code DTM_TEST_MYSQL_PASSWORD};</li>
 * <li>PostgreSQL: {@code DTM_TEST_PG_URL} (user and password in the URL or
 * {@code DTM_TEST_PG_USER}, {@code DTM_TEST_PG_PASSWORD});</li>
 * <li>Redis: {@code DTM_TEST_REDIS_URL}.</li>
 * </ul>
 */
public final class ExternalServices {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static Db mysql;

	private static Db postgres;

	private static String redis;

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
			mysql = new Db(url, env("DTM_TEST_MYSQL_USER", "root"), env("DTM_TEST_MYSQL_PASSWORD", ""));
			return mysql;
		}
		if (dockerAvailable()) {
			MySQLContainer<?> container = new MySQLContainer<>("mysql:8.0").withDatabaseName("dtm")
				.withUsername("root")
				.withPassword("dtm");
			container.start();
			mysql = new Db(container.getJdbcUrl(), "root", "dtm");
			return mysql;
		}
		throw missing("MySQL-compatible database", "DTM_TEST_MYSQL_URL (e.g. jdbc:mysql://127.0.0.1:3306/dtm) "
				+ "plus DTM_TEST_MYSQL_USER and DTM_TEST_MYSQL_PASSWORD");
	}

	/**
	 * A new empty database on the MySQL-compatible server.
	 * @param prefix a readable prefix
	 * @return settings pointing at the new database
	 */
	public static Db freshMysqlDatabase(String prefix) {
		Db server = mysql();
		String name = name(prefix);
		execute(server, "DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		String url = server.url();
		int start = url.indexOf('/', "jdbc:mysql://".length());
		int query = url.indexOf('?');
		String base = (start > 0) ? url.substring(0, start) : url;
		String params = (query > 0) ? url.substring(query) : "";
		return new Db(base + "/" + name + params, server.user(), server.password());
	}

	/**
	 * The PostgreSQL server.
	 * @return its connection settings
	 */
	public static synchronized Db postgres() {
		if (postgres != null) {
			return postgres;
		}
		String url = System.getenv("DTM_TEST_PG_URL");
		if (url != null && !url.isBlank()) {
			postgres = new Db(url, env("DTM_TEST_PG_USER", "postgres"), env("DTM_TEST_PG_PASSWORD", ""));
			return postgres;
		}
		if (dockerAvailable()) {
			PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15").withDatabaseName("test");
			container.start();
			postgres = new Db(container.getJdbcUrl(), container.getUsername(), container.getPassword());
			return postgres;
		}
		throw missing("PostgreSQL database", "DTM_TEST_PG_URL (e.g. jdbc:postgresql://127.0.0.1:5432/test) "
				+ "plus DTM_TEST_PG_USER and DTM_TEST_PG_PASSWORD when the URL does not carry them");
	}

	/**
	 * A new empty schema on the PostgreSQL server, made the connection's default.
	 * @param prefix a readable prefix
	 * @return settings whose URL selects the schema
	 */
	public static Db freshPostgresSchema(String prefix) {
		Db server = postgres();
		String name = name(prefix);
		execute(server, "DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name);
		String url = server.url() + ((server.url().indexOf('?') >= 0) ? "&" : "?") + "currentSchema=" + name;
		return new Db(url, server.user(), server.password());
	}

	/**
	 * The Redis server.
	 * @return its URL
	 */
	public static synchronized String redis() {
		if (redis != null) {
			return redis;
		}
		String url = System.getenv("DTM_TEST_REDIS_URL");
		if (url != null && !url.isBlank()) {
			redis = url;
			return redis;
		}
		if (dockerAvailable()) {
			GenericContainer<?> container = new GenericContainer<>("redis:7.0-alpine").withExposedPorts(6379);
			container.start();
			redis = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
			return redis;
		}
		throw missing("Redis server", "DTM_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)");
	}

	private static String name(String prefix) {
		return ("dtm_" + prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
			.toLowerCase(Locale.ROOT);
	}

	private static void execute(Db db, String... statements) {
		try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot prepare a test database on " + db.url() + " as user '" + db.user()
					+ "': " + ex.getMessage(), ex);
		}
	}

	private static IllegalStateException missing(String what, String variables) {
		return new IllegalStateException("No " + what + " for integration tests: set " + variables
				+ " (bash .ci/run does this), or make a Docker engine reachable for Testcontainers. "
				+ "Refusing to skip silently.");
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
	 */
	public record Db(String url, String user, String password) {

	}

}
