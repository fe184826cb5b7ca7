package io.dtm.server.store.jpa;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;

import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditEntry;
import io.dtm.server.store.AuditOutcome;
import io.dtm.server.store.AuditTrail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * {@link AuditTrail} in the table {@code dtm_audit}: one row per entry, the id from the
 * table's auto-increment; pages are read by id ({@code WHERE id < ? ORDER BY id DESC}),
 * the entries of one target through the index on ({@code target}, {@code id}).
 */
class JdbcAuditTrail implements AuditTrail {

	private static final String COLUMNS = "id, time, actor, action, target, reason, outcome, detail";

	private static final String INSERT = "INSERT INTO dtm_audit (time, actor, action, target, reason, outcome, "
			+ "detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

	private static final String NEWEST = "SELECT " + COLUMNS + " FROM dtm_audit ORDER BY id DESC LIMIT ?";

	private static final String BEFORE = "SELECT " + COLUMNS + " FROM dtm_audit WHERE id < ? ORDER BY id DESC LIMIT ?";

	private static final String FOR_TARGET = "SELECT " + COLUMNS
			+ " FROM dtm_audit WHERE target = ? ORDER BY id DESC LIMIT ?";

	private final JdbcTemplate jdbc;

	JdbcAuditTrail(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public AuditEntry record(AuditEntry entry) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.update((connection) -> {
			PreparedStatement statement = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS);
			statement.setObject(1, entry.time());
			statement.setString(2, entry.actor());
			statement.setString(3, entry.action().wireValue());
			statement.setString(4, entry.target());
			statement.setString(5, entry.reason());
			statement.setString(6, entry.outcome().wireValue());
			statement.setString(7, entry.detail());
			return statement;
		}, key);
		Number id = key.getKey();
		if (id == null) {
			throw new IllegalStateException("the database gave the audit entry no id");
		}
		return entry.withId(id.longValue());
	}

	@Override
	public List<AuditEntry> page(Long beforeId, int limit) {
		AuditTrail.checkLimit(limit);
		return (beforeId != null) ? this.jdbc.query(BEFORE, JdbcAuditTrail::entry, beforeId, limit)
				: this.jdbc.query(NEWEST, JdbcAuditTrail::entry, limit);
	}

	@Override
	public List<AuditEntry> forTarget(String target) {
		return this.jdbc.query(FOR_TARGET, JdbcAuditTrail::entry, target, MAX_PAGE)
			.stream()
			.filter((entry) -> entry.target().equals(target))
			.toList();
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getObject("time", LocalDateTime.class), rs.getString("actor"),
				AuditAction.fromWireValue(rs.getString("action")), rs.getString("target"), rs.getString("reason"),
				AuditOutcome.fromWireValue(rs.getString("outcome")), rs.getString("detail"));
	}

}
