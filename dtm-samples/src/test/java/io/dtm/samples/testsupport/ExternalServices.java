package io.dtm.samples.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

/**
 * The MySQL-compatible database for the samples' end-to-end tests (the MySQL part of the
 * starter's helper), found in this order: {@code DTM_TEST_MYSQL_URL},
 * {@code DTM_TEST_MYSQL_USER} and {@code DTM_TEST_MYSQL_PASSWORD}, then Testcontainers
 * when a Docker engine answers, else a loud failure. Tests never skip because the
 * database is missing.
 */
public final class ExternalServices {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static Db mysql;

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
