package io.dtm.server.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import io.dtm.server.testsupport.ExternalServices.Db;
import io.dtm.server.testsupport.ExternalServices.Redis;

/**
 * The services of a developer machine or CI host on their standard loopback addresses,
 * used when no {@code DTM_TEST_*} variable names one: MariaDB/MySQL on 127.0.0.1:3306 as
 * {@code root} with an empty password, Redis on 127.0.0.1:6379 without a password,
 * PostgreSQL on 127.0.0.1:5432 as {@code postgres} without a password (trust). Each probe
 * first opens a TCP connection with a short timeout, so a machine without the service
 * costs milliseconds; a service that answers but refuses the login is reported, not used.
 * The SQL servers get a database {@value #DATABASE} of their own, created when missing.
 */
final class LocalServices {

	/**
	 * The database created on the local SQL servers for tests that use the server URL.
	 */
	static final String DATABASE = "dtm_it";

	private static final String HOST = "127.0.0.1";

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	private LocalServices() {
	}

	/**
	 * MariaDB/MySQL on 127.0.0.1:3306 as {@code root} without a password.
	 * @param tried receives the reason when it is not usable
	 * @return settings pointing at database {@value #DATABASE}
	 */
	static Optional<Db> mysql(List<String> tried) {
		String attempt = HOST + ":3306 as root with an empty password";
		String server = "jdbc:mysql://" + HOST + ":3306/";
		Optional<String> closed = unreachable(3306);
		if (closed.isPresent()) {
			tried.add(attempt + ": " + closed.get());
			return Optional.empty();
		}
		try (Connection connection = DriverManager.getConnection(server + "?connectTimeout=2000&socketTimeout=10000",
				"root", ""); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
		}
		catch (SQLException ex) {
			tried.add(attempt + ": the port answers, but " + ex.getMessage());
			return Optional.empty();
		}
		return Optional.of(new Db(server + DATABASE, "root", "", "local"));
	}

	/**
	 * Redis on 127.0.0.1:6379 without a password: it must answer {@code PING}.
	 * @param tried receives the reason when it is not usable
	 * @return its URL
	 */
	static Optional<Redis> redis(List<String> tried) {
		String attempt = HOST + ":6379 without a password";
		Optional<String> closed = unreachable(6379);
		if (closed.isPresent()) {
			tried.add(attempt + ": " + closed.get());
			return Optional.empty();
		}
		try (Socket socket = connect(6379)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String reply = readLine(socket.getInputStream());
			if (!reply.equals("+PONG")) {
				tried.add(attempt + ": PING answered '" + reply + "'");
				return Optional.empty();
			}
		}
		catch (IOException ex) {
			tried.add(attempt + ": PING failed: " + ex);
			return Optional.empty();
		}
		return Optional.of(new Redis("redis://" + HOST + ":6379", "local"));
	}

	/**
	 * PostgreSQL on 127.0.0.1:5432 as {@code postgres} without a password (trust
	 * authentication over TCP).
	 * @param tried receives the reason when it is not usable
	 * @return settings pointing at database {@value #DATABASE}
	 */
	static Optional<Db> postgres(List<String> tried) {
		String attempt = HOST + ":5432 as postgres without a password";
		String server = "jdbc:postgresql://" + HOST + ":5432/";
		Optional<String> closed = unreachable(5432);
		if (closed.isPresent()) {
			tried.add(attempt + ": " + closed.get());
			return Optional.empty();
		}
		try (Connection connection = DriverManager.getConnection(server + "postgres?connectTimeout=2", "postgres", "");
				Statement statement = connection.createStatement()) {
			boolean exists;
			try (ResultSet rows = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
				exists = rows.next();
			}
			if (!exists) {
				createPostgresDatabase(statement);
			}
		}
		catch (SQLException ex) {
			tried.add(attempt + ": the port answers, but " + ex.getMessage());
			return Optional.empty();
		}
		return Optional.of(new Db(server + DATABASE, "postgres", "", "local"));
	}

	private static void createPostgresDatabase(Statement statement) throws SQLException {
		try {
			statement.execute("CREATE DATABASE " + DATABASE);
		}
		catch (SQLException ex) {
			// 42P04 duplicate_database: another test JVM created it first
			if (!"42P04".equals(ex.getSQLState())) {
				throw ex;
			}
		}
	}

	private static Optional<String> unreachable(int port) {
		try (Socket socket = connect(port)) {
			return Optional.empty();
		}
		catch (ConnectException ex) {
			return Optional.of("nothing listens (connection refused)");
		}
		catch (SocketTimeoutException ex) {
			return Optional.of("no answer within " + CONNECT_TIMEOUT_MILLIS + " ms");
		}
		catch (IOException ex) {
			return Optional.of(ex.toString());
		}
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(HOST, port), CONNECT_TIMEOUT_MILLIS);
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

}
