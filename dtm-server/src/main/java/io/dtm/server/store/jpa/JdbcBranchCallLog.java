package io.dtm.server.store.jpa;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.server.store.BranchCallFailure;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.BranchCallRecord;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link BranchCallLog} in the table {@code dtm_branch_call}: one row per branch
 * operation, written by one upsert statement in autocommit, {@code INSERT ... ON
 * DUPLICATE KEY UPDATE} on MySQL and MariaDB, {@code MERGE} on H2. Two first failures of
 * the same branch that race may both try the insert; the loser's statement is run again
 * and then updates.
 */
class JdbcBranchCallLog implements BranchCallLog {

	private static final String COLUMNS = "gid, branch_id, op, failed_calls, last_outcome, last_code, last_error, "
			+ "last_time";

	private static final String MYSQL_UPSERT = "INSERT INTO dtm_branch_call (" + COLUMNS + """
			) VALUES (?, ?, ?, 1, ?, ?, ?, ?)
			ON DUPLICATE KEY UPDATE failed_calls = failed_calls + 1, last_outcome = ?, last_code = ?,
			  last_error = ?, last_time = ?""";

	private static final String H2_UPSERT = """
			MERGE INTO dtm_branch_call t USING (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(128)),
			  CAST(? AS VARCHAR(45)))) s (gid, branch_id, op)
			ON t.gid = s.gid AND t.branch_id = s.branch_id AND t.op = s.op
			WHEN MATCHED THEN UPDATE SET failed_calls = t.failed_calls + 1, last_outcome = ?, last_code = ?,
			  last_error = ?, last_time = ?
			WHEN NOT MATCHED THEN INSERT (""" + COLUMNS + ") VALUES (s.gid, s.branch_id, s.op, 1, ?, ?, ?, ?)";

	private static final String FIND = "SELECT " + COLUMNS
			+ " FROM dtm_branch_call WHERE gid = ? ORDER BY branch_id, op";

	private static final int ATTEMPTS = 5;

	/**
	 * Most gids in one delete: a short {@code IN} list stays a range read of the primary
	 * key, so the retention's delete locks no record of a live transaction (see
	 * {@link JdbcRetentionStore}).
	 */
	private static final int DELETE_BATCH = JdbcRetentionStore.CHUNK;

	private final JdbcTemplate jdbc;

	private volatile Boolean h2;

	JdbcBranchCallLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void recordFailedCall(String gid, String branchId, BranchOp op, BranchCallFailure failure,
			LocalDateTime now) {
		String outcome = failure.outcome().name();
		// both statements take the key, then the last call twice (for the insert and the
		// update)
		Object[] parameters = { gid, branchId, op.wireValue(), outcome, failure.code(), failure.message(), now, outcome,
				failure.code(), failure.message(), now };
		String sql = isH2() ? H2_UPSERT : MYSQL_UPSERT;
		for (int attempt = 1;; attempt++) {
			try {
				this.jdbc.update(sql, parameters);
				return;
			}
			catch (DuplicateKeyException | ConcurrencyFailureException ex) {
				// a concurrent first insert of the same row: the next attempt updates it
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	@Override
	public List<BranchCallRecord> find(String gid) {
		return this.jdbc.query(FIND, JdbcBranchCallLog::record, gid)
			.stream()
			.filter((row) -> gid.equals(row.gid()))
			.toList();
	}

	@Override
	public int deleteFor(Collection<String> gids) {
		List<String> all = new ArrayList<>(gids);
		int deleted = 0;
		for (int from = 0; from < all.size(); from += DELETE_BATCH) {
			List<String> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
			String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
			deleted += this.jdbc.update("DELETE FROM dtm_branch_call WHERE gid IN (" + marks + ")", batch.toArray());
		}
		return deleted;
	}

	private boolean isH2() {
		Boolean known = this.h2;
		if (known == null) {
			String product = this.jdbc.execute(
					(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
			known = product != null && product.toUpperCase(Locale.ROOT).contains("H2");
			this.h2 = known;
		}
		return known;
	}

	private static BranchCallRecord record(ResultSet rs, int row) throws SQLException {
		return new BranchCallRecord(rs.getString("gid"), rs.getString("branch_id"),
				BranchOp.fromWireValue(rs.getString("op")), rs.getLong("failed_calls"),
				BranchOutcome.valueOf(rs.getString("last_outcome")), rs.getString("last_code"),
				rs.getString("last_error"), rs.getObject("last_time", LocalDateTime.class));
	}

}
