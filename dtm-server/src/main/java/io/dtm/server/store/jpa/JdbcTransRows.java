package io.dtm.server.store.jpa;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.OptionsCodec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The hot-path inserts and reads of the SQL store as plain JDBC: the global row, the
 * branch rows (one batch, their generated ids read back from it) and the lookups by gid.
 * Hibernate stays for the schema's entities, the console's queries and the rarer calls;
 * on this path its persist and result mapping cost more CPU than the round trips do. The
 * SQL works on MySQL/MariaDB and on H2 in MySQL mode.
 */
class JdbcTransRows {

	private static final String INSERT_GLOBAL = "INSERT INTO trans_global (gid, trans_type, status, query_prepared, "
			+ "protocol, create_time, update_time, finish_time, rollback_time, options, custom_data, "
			+ "next_cron_interval, next_cron_time, owner, ext_data, result, rollback_reason) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String INSERT_BRANCH = "INSERT INTO trans_branch_op (gid, url, bin_data, branch_id, op, "
			+ "status, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String GLOBAL_COLUMNS = "id, gid, trans_type, status, query_prepared, protocol, "
			+ "create_time, update_time, finish_time, rollback_time, options, custom_data, next_cron_interval, "
			+ "next_cron_time, owner, ext_data, result, rollback_reason";

	private static final String SELECT_GLOBAL = "SELECT " + GLOBAL_COLUMNS + " FROM trans_global WHERE gid = ?";

	private static final String LOCK_GLOBAL = "SELECT gid FROM trans_global WHERE gid = ? AND status = ? FOR UPDATE";

	private static final String SELECT_BRANCHES = "SELECT id, gid, url, bin_data, branch_id, op, status, "
			+ "create_time, update_time, finish_time, rollback_time FROM trans_branch_op WHERE gid = ? ORDER BY id";

	private static final RowMapper<Branch> BRANCH = (rs, row) -> new Branch(rs.getLong(1), rs.getString(2),
			rs.getString(3), rs.getBytes(4), rs.getString(5), BranchOp.fromWireValue(rs.getString(6)),
			BranchStatus.fromWireValue(rs.getString(7)), time(rs, 8), time(rs, 9), time(rs, 10), time(rs, 11));

	private final JdbcTemplate jdbc;

	private final RowMapper<GlobalTrans> global;

	private final OptionsCodec options;

	JdbcTransRows(JdbcTemplate jdbc, OptionsCodec options) {
		this.jdbc = jdbc;
		this.options = options;
		this.global = (rs, row) -> new GlobalTrans(rs.getLong(1), rs.getString(2),
				TransType.fromWireValue(rs.getString(3)), GlobalStatus.fromWireValue(rs.getString(4)), rs.getString(5),
				rs.getString(6), time(rs, 7), time(rs, 8), time(rs, 9), time(rs, 10),
				this.options.read(rs.getString(11)), rs.getString(12), rs.getInt(13), time(rs, 14), rs.getString(15),
				rs.getString(16), rs.getString(17), rs.getString(18));
	}

	/**
	 * Insert the global row (in the caller's transaction).
	 * @param g the transaction; its id is ignored
	 */
	void insertGlobal(GlobalTrans g) {
		this.jdbc.update(INSERT_GLOBAL, g.gid(), g.transType().wireValue(), g.status().wireValue(),
				text(g.queryPrepared()), text(g.protocol()),
				(g.createTime() != null) ? g.createTime().truncatedTo(ChronoUnit.SECONDS) : null, g.updateTime(),
				g.finishTime(), g.rollbackTime(), this.options.write(g.options()), text(g.customData()),
				(int) g.nextCronInterval(), g.nextCronTime(), text(g.owner()), text(g.extData()), text(g.result()),
				text(g.rollbackReason()));
	}

	/**
	 * Insert branch rows as one JDBC batch (a single multi-row {@code INSERT} with
	 * MySQL's rewritten batches; Hibernate cannot batch {@code IDENTITY} inserts) in the
	 * caller's transaction.
	 * @param branches the new branches
	 * @return the branches with the ids the database gave them, in order, or empty when
	 * the driver did not report one id per row
	 */
	Optional<List<Branch>> insertBranches(List<Branch> branches) {
		if (branches.isEmpty()) {
			return Optional.of(List.of());
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.batchUpdate(
				(connection) -> connection.prepareStatement(INSERT_BRANCH, Statement.RETURN_GENERATED_KEYS),
				new org.springframework.jdbc.core.BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement statement, int i) throws SQLException {
						Branch branch = branches.get(i);
						statement.setString(1, branch.gid());
						statement.setString(2, text(branch.url()));
						statement.setBytes(3, branch.binData());
						statement.setString(4, branch.branchId());
						statement.setString(5, branch.op().wireValue());
						statement.setString(6, branch.status().wireValue());
						statement.setObject(7, branch.createTime());
						statement.setObject(8, branch.updateTime());
					}

					@Override
					public int getBatchSize() {
						return branches.size();
					}

				}, keys);
		List<Map<String, Object>> ids = keys.getKeyList();
		if (ids.size() != branches.size()) {
			return Optional.empty();
		}
		List<Branch> stored = new ArrayList<>(branches.size());
		for (int i = 0; i < branches.size(); i++) {
			Object id = ids.get(i).values().stream().findFirst().orElse(null);
			if (!(id instanceof Number number)) {
				return Optional.empty();
			}
			Branch b = branches.get(i);
			stored.add(new Branch(number.longValue(), b.gid(), text(b.url()), b.binData(), b.branchId(), b.op(),
					b.status(), b.createTime(), b.updateTime(), b.finishTime(), b.rollbackTime()));
		}
		return Optional.of(stored);
	}

	/**
	 * Lock the global row of a gid for the caller's transaction when it has a status.
	 * @param gid the gid
	 * @param status the status it must have
	 * @return whether it has it (and is now locked)
	 */
	boolean lockIfStatus(String gid, GlobalStatus status) {
		return this.jdbc.queryForList(LOCK_GLOBAL, String.class, gid, status.wireValue()).contains(gid);
	}

	/**
	 * The global row of a gid; a database whose collation ignores case or accents may
	 * return another gid's row, which is left out.
	 * @param gid the gid
	 * @return the row
	 */
	Optional<GlobalTrans> findGlobal(String gid) {
		return this.jdbc.query(SELECT_GLOBAL, this.global, gid)
			.stream()
			.filter((row) -> gid.equals(row.gid()))
			.findFirst();
	}

	/**
	 * The branch rows of a gid in insertion order (rows of a gid equal under the
	 * collation only are left out).
	 * @param gid the gid
	 * @return the branches
	 */
	List<Branch> findBranches(String gid) {
		return this.jdbc.query(SELECT_BRANCHES, BRANCH, gid).stream().filter((row) -> gid.equals(row.gid())).toList();
	}

	private static LocalDateTime time(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, LocalDateTime.class);
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}
