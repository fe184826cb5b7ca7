package io.dtm.server.store.jpa;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import io.dtm.server.store.InstanceRecord;
import io.dtm.server.store.InstanceRegistry;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link InstanceRegistry} in the table {@code dtm_instance}, one row per instance. A
 * heartbeat updates the instance's row and inserts it when there is none; only the
 * instance itself writes its row, so the two statements need no lock.
 */
class JdbcInstanceRegistry implements InstanceRegistry {

	private static final String UPDATE = "UPDATE dtm_instance SET version = ?, http_port = ?, grpc_port = ?, "
			+ "cron = ?, started_at = ?, last_seen = ?, passes = ?, pass_gids = ? WHERE id = ?";

	private static final String INSERT = "INSERT INTO dtm_instance (version, http_port, grpc_port, cron, started_at, "
			+ "last_seen, passes, pass_gids, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT = "SELECT id, version, http_port, grpc_port, cron, started_at, last_seen, "
			+ "passes, pass_gids FROM dtm_instance ORDER BY id";

	private final JdbcTemplate jdbc;

	JdbcInstanceRegistry(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void heartbeat(InstanceRecord record) {
		Object[] values = { record.version(), record.httpPort(), record.grpcPort(), record.cron(), record.startedAt(),
				record.lastSeen(), record.passes(), String.join("\n", record.passGids()), record.id() };
		if (this.jdbc.update(UPDATE, values) == 0) {
			this.jdbc.update(INSERT, values);
		}
	}

	@Override
	public List<InstanceRecord> instances() {
		return this.jdbc.query(SELECT, JdbcInstanceRegistry::record);
	}

	@Override
	public void remove(String id) {
		this.jdbc.update("DELETE FROM dtm_instance WHERE id = ?", id);
	}

	@Override
	public int forget(LocalDateTime lastSeenBefore) {
		return this.jdbc.update("DELETE FROM dtm_instance WHERE last_seen < ?", lastSeenBefore);
	}

	private static InstanceRecord record(ResultSet rs, int row) throws SQLException {
		String gids = rs.getString("pass_gids");
		return new InstanceRecord(rs.getString("id"), rs.getString("version"), rs.getInt("http_port"),
				rs.getInt("grpc_port"), rs.getBoolean("cron"), rs.getObject("started_at", LocalDateTime.class),
				rs.getObject("last_seen", LocalDateTime.class), rs.getInt("passes"),
				(gids == null || gids.isEmpty()) ? List.of() : Arrays.asList(gids.split("\n")));
	}

}
