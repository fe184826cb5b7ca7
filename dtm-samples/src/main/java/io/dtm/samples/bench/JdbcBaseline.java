package io.dtm.samples.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The limit the coordinator can approach: the same per-transaction writes dtm's SQL store
 * does, replayed by a plain JDBC loop with one connection per client. Saga: one
 * transaction inserting the global row and 4 branch rows, 2 branch updates, 1 final
 * status update. Msg: the insert with 2 branch rows, the submit update, 2 branch updates,
 * the final update. Saga-http and saga-grpc: the saga's writes with the 2 branch calls to
 * the bench participant between them, in the coordinator's order. TCC: the insert, 2
 * registrations (lock + 2 rows each), the submit update, 2 branch updates, the final
 * update.
 */
final class JdbcBaseline implements AutoCloseable {

	private final List<Connection> connections = new ArrayList<>();

	private final String runId;

	private final ParticipantProcess participant;

	JdbcBaseline(String url, String user, String password, int clients, String runId, ParticipantProcess participant)
			throws SQLException {
		for (int i = 0; i < clients; i++) {
			this.connections.add(DriverManager.getConnection(url, user, password));
		}
		this.runId = runId;
		this.participant = participant;
	}

	/**
	 * Create the coordinator schema in an empty database.
	 * @param url JDBC URL
	 * @param user user
	 * @param password password
	 * @param ddl the schema script
	 * @throws SQLException on failure
	 */
	static void createSchema(String url, String user, String password, String ddl) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
				if (!sql.isBlank()) {
					statement.execute(sql);
				}
			}
		}
	}

	boolean run(Scenario scenario, int client, long sequence) throws Exception {
		Connection c = this.connections.get(client);
		String gid = this.runId + "-" + sequence;
		Timestamp now = Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
		switch (scenario) {
			case SAGA_EMPTY -> {
				insert(c, gid, "saga", "submitted", now,
						List.of("01:compensate", "01:action", "02:compensate", "02:action"));
				updateBranch(c, gid, "01", "action", now);
				updateBranch(c, gid, "02", "action", now);
				updateGlobal(c, gid, "submitted", "succeed", now);
			}
			case SAGA_HTTP, SAGA_GRPC -> {
				insert(c, gid, "saga", "submitted", now,
						List.of("01:compensate", "01:action", "02:compensate", "02:action"));
				this.participant.call(scenario, "TransOut");
				updateBranch(c, gid, "01", "action", now);
				this.participant.call(scenario, "TransIn");
				updateBranch(c, gid, "02", "action", now);
				updateGlobal(c, gid, "submitted", "succeed", now);
			}
			case MSG -> {
				insert(c, gid, "msg", "prepared", now, List.of("01:action", "02:action"));
				updateGlobal(c, gid, "prepared", "submitted", now);
				updateBranch(c, gid, "01", "action", now);
				updateBranch(c, gid, "02", "action", now);
				updateGlobal(c, gid, "submitted", "succeed", now);
			}
			case TCC -> {
				insert(c, gid, "tcc", "prepared", now, List.of());
				register(c, gid, "01", now);
				register(c, gid, "02", now);
				updateGlobal(c, gid, "prepared", "submitted", now);
				updateBranch(c, gid, "02", "confirm", now);
				updateBranch(c, gid, "01", "confirm", now);
				updateGlobal(c, gid, "submitted", "succeed", now);
			}
		}
		return true;
	}

	private static void insert(Connection c, String gid, String type, String status, Timestamp now,
			List<String> branches) throws SQLException {
		c.setAutoCommit(false);
		try (PreparedStatement g = c.prepareStatement("INSERT INTO trans_global (gid, trans_type, status, "
				+ "query_prepared, protocol, create_time, update_time, options, custom_data, next_cron_interval, "
				+ "next_cron_time, owner) VALUES (?, ?, ?, '', 'http', ?, ?, '{\"wait_result\":true}', '', 10, ?, '')")) {
			g.setString(1, gid);
			g.setString(2, type);
			g.setString(3, status);
			g.setTimestamp(4, now);
			g.setTimestamp(5, now);
			g.setTimestamp(6, now);
			g.executeUpdate();
			insertBranches(c, gid, branches, now);
			c.commit();
		}
		finally {
			c.setAutoCommit(true);
		}
	}

	private static void insertBranches(Connection c, String gid, List<String> branches, Timestamp now)
			throws SQLException {
		try (PreparedStatement b = c.prepareStatement("INSERT INTO trans_branch_op (gid, url, bin_data, branch_id, "
				+ "op, status, create_time, update_time) VALUES (?, '', ?, ?, ?, 'prepared', ?, ?)")) {
			for (String branch : branches) {
				String[] idOp = branch.split(":");
				b.setString(1, gid);
				b.setBytes(2, "{\"amount\":30}".getBytes(StandardCharsets.UTF_8));
				b.setString(3, idOp[0]);
				b.setString(4, idOp[1]);
				b.setTimestamp(5, now);
				b.setTimestamp(6, now);
				b.executeUpdate();
			}
		}
	}

	private static void register(Connection c, String gid, String branchId, Timestamp now) throws SQLException {
		c.setAutoCommit(false);
		try (PreparedStatement lock = c
			.prepareStatement("SELECT id FROM trans_global WHERE gid = ? AND status = 'prepared' FOR UPDATE")) {
			lock.setString(1, gid);
			lock.executeQuery().close();
			insertBranches(c, gid, List.of(branchId + ":cancel", branchId + ":confirm"), now);
			c.commit();
		}
		finally {
			c.setAutoCommit(true);
		}
	}

	private static void updateBranch(Connection c, String gid, String branchId, String op, Timestamp now)
			throws SQLException {
		try (PreparedStatement u = c.prepareStatement("UPDATE trans_branch_op SET status = 'succeed', "
				+ "finish_time = ?, update_time = ? WHERE gid = ? AND branch_id = ? AND op = ?")) {
			u.setTimestamp(1, now);
			u.setTimestamp(2, now);
			u.setString(3, gid);
			u.setString(4, branchId);
			u.setString(5, op);
			u.executeUpdate();
		}
	}

	private static void updateGlobal(Connection c, String gid, String from, String to, Timestamp now)
			throws SQLException {
		try (PreparedStatement u = c.prepareStatement(
				"UPDATE trans_global SET status = ?, update_time = ?, finish_time = ? WHERE gid = ? AND status = ?")) {
			u.setString(1, to);
			u.setTimestamp(2, now);
			u.setTimestamp(3, now);
			u.setString(4, gid);
			u.setString(5, from);
			u.executeUpdate();
		}
	}

	@Override
	public void close() throws SQLException {
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

}
