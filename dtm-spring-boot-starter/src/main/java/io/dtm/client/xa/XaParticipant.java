package io.dtm.client.xa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOperations;
import io.dtm.client.DtmRequestException;
import io.dtm.core.BranchOp;
import io.dtm.core.TransType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.Assert;

/**
 * The participant side of XA on a MySQL-compatible database, as dtm's
 * {@code XaLocalTransaction} and {@code XaHandlePhase2}: one endpoint answers the
 * initiator's {@code op=action} and the coordinator's {@code op=commit} and
 * {@code op=rollback}.
 *
 * <pre class="code">
 * &#64;PostMapping("/xa/TransIn")
 * void transIn(&#64;RequestParam Map&lt;String, String&gt; query, &#64;RequestBody Transfer transfer) {
 *     xa.handle(query, (jdbc) -&gt; jdbc.update("update account set balance = balance + ? where id = ?",
 *             transfer.amount(), transfer.userId()));
 * }
 * </pre>
 *
 * For {@code action} the work runs on a dedicated connection inside
 * {@code XA START 'gid-branch'}, together with a barrier row
 * ({@code gid, branch_id, action, 01}); the branch is registered with the coordinator and
 * then {@code XA END} and {@code XA PREPARE} run. For {@code commit}/{@code rollback} the
 * matching {@code XA COMMIT}/{@code XA ROLLBACK} runs; "unknown XID" is ignored, as dtm
 * does, because the coordinator repeats phase 2 until it succeeds. A rollback also writes
 * the barrier row with reason {@code rollback}, so an action that arrives late finds it
 * and refuses. Thread-safe.
 */
public class XaParticipant {

	private static final Logger logger = LoggerFactory.getLogger(XaParticipant.class);

	private final XaConnectionFactory connections;

	private final DtmOperations dtm;

	private final String barrierTable;

	/**
	 * Create the helper.
	 * @param connections dedicated physical connections to the database
	 * @param dtm registers the prepared branches
	 * @param barrierTable the barrier table (in the same database)
	 */
	public XaParticipant(XaConnectionFactory connections, DtmOperations dtm, String barrierTable) {
		Assert.notNull(connections, "'connections' must not be null");
		Assert.notNull(dtm, "'dtm' must not be null");
		Assert.hasText(barrierTable, "'barrierTable' must not be empty");
		this.connections = connections;
		this.dtm = dtm;
		this.barrierTable = barrierTable;
	}

	/**
	 * Answer an XA branch call, dispatching on its {@code op} query parameter.
	 * @param query the request's query parameters ({@code gid}, {@code trans_type},
	 * {@code branch_id}, {@code op}, and {@code phase2_url} for {@code action})
	 * @param action the local work for {@code op=action}
	 * @throws DtmFailure if the branch was already rolled back, or the work refused
	 */
	public void handle(Map<String, String> query, XaAction action) {
		String gid = required(query, "gid");
		String branchId = required(query, "branch_id");
		BranchOp op = BranchOp.fromWireValue(required(query, "op"));
		switch (op) {
			case ACTION -> localTransaction(gid, branchId, required(query, "phase2_url"), action);
			case COMMIT, ROLLBACK -> phase2(gid, branchId, op);
			default -> throw new DtmRequestException(gid, "op '" + op + "' is not an XA operation");
		}
	}

	/**
	 * Run the local work of an XA branch and prepare it.
	 * @param gid the gid
	 * @param branchId the branch id
	 * @param phase2Url the URL the coordinator calls for phase 2
	 * @param action the work
	 */
	public void localTransaction(String gid, String branchId, String phase2Url, XaAction action) {
		prepare(TransType.XA, gid, branchId, (jdbc) -> {
			action.execute(jdbc);
			return null;
		}, () -> this.dtm.registerXaBranch(gid, branchId, phase2Url));
	}

	/**
	 * Run local work in the XA branch {@code 'gid-branchId'} on a dedicated connection
	 * and prepare it: {@code XA START}, the barrier row ({@code gid, branch_id, action,
	 * 01}; none inserted means the branch was rolled back or done: {@link DtmFailure}),
	 * the work, then {@code registered} (which records the branch while it can still be
	 * rolled back), {@code XA END} and {@code XA PREPARE}. Anything thrown before
	 * {@code XA END} rolls the branch back and is rethrown. A workflow's XA step runs
	 * here too, with its own record.
	 * @param <T> the work's result type
	 * @param transType the mode written in the barrier row ({@code xa}, or
	 * {@code workflow} for a workflow's XA step, as dtm writes it)
	 * @param gid the gid
	 * @param branchId the branch id
	 * @param work the work
	 * @param registered records the branch once the work is done
	 * @return the work's result
	 */
	public <T> T prepare(TransType transType, String gid, String branchId, Function<JdbcTemplate, T> work,
			Runnable registered) {
		String xid = xid(gid, branchId);
		T result;
		try (Connection connection = this.connections.open()) {
			connection.setAutoCommit(true);
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			execute(connection, "XA START " + xid);
			try {
				int inserted = jdbc.update(insertIgnore(), transType.wireValue(), gid, branchId,
						BranchOp.ACTION.wireValue(), "01", BranchOp.ACTION.wireValue());
				if (inserted == 0) {
					throw DtmFailure.of("xa branch " + xid + " was already rolled back or done", gid);
				}
				result = work.apply(jdbc);
				registered.run();
				execute(connection, "XA END " + xid);
			}
			catch (RuntimeException | Error ex) {
				rollbackActive(connection, xid, ex);
				throw ex;
			}
			execute(connection, "XA PREPARE " + xid);
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("xa branch " + xid + " failed: " + ex.getMessage(), ex);
		}
		return result;
	}

	/**
	 * Commit or roll back a prepared branch.
	 * @param gid the gid
	 * @param branchId the branch id
	 * @param op {@code commit} or {@code rollback}
	 */
	public void phase2(String gid, String branchId, BranchOp op) {
		Assert.isTrue(op == BranchOp.COMMIT || op == BranchOp.ROLLBACK, "'op' must be commit or rollback");
		String xid = xid(gid, branchId);
		try (Connection connection = this.connections.open()) {
			connection.setAutoCommit(true);
			try {
				execute(connection, ((op == BranchOp.COMMIT) ? "XA COMMIT " : "XA ROLLBACK ") + xid);
			}
			catch (SQLException ex) {
				if (!isUnknownXid(ex)) {
					throw ex;
				}
				logger.debug("xa {} of {}: unknown XID, already done", op, xid);
			}
			if (op == BranchOp.ROLLBACK) {
				new JdbcTemplate(new SingleConnectionDataSource(connection, true)).update(insertIgnore(),
						TransType.XA.wireValue(), gid, branchId, BranchOp.ACTION.wireValue(), "01",
						BranchOp.ROLLBACK.wireValue());
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("xa " + op + " of " + xid + " failed: " + ex.getMessage(), ex);
		}
	}

	private String insertIgnore() {
		return "INSERT IGNORE INTO " + this.barrierTable
				+ " (trans_type, gid, branch_id, op, barrier_id, reason) VALUES (?, ?, ?, ?, ?, ?)";
	}

	private static void rollbackActive(Connection connection, String xid, Throwable cause) {
		try {
			execute(connection, "XA END " + xid);
		}
		catch (SQLException ex) {
			// already ended
		}
		try {
			execute(connection, "XA ROLLBACK " + xid);
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
		}
	}

	static boolean isUnknownXid(SQLException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		return ex.getErrorCode() == 1397 || "XAE04".equals(ex.getSQLState()) || message.contains("xaer_nota")
				|| message.contains("does not exist");
	}

	private static String xid(String gid, String branchId) {
		String xid = gid + "-" + branchId;
		if (xid.indexOf('\'') >= 0 || xid.indexOf('\\') >= 0 || xid.length() > 64) {
			throw new DtmRequestException(gid,
					"xa id '" + xid + "' must be at most 64 characters without quotes or backslashes");
		}
		return "'" + xid + "'";
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String required(Map<String, String> query, String name) {
		String value = query.get(name);
		if (value == null || value.isEmpty()) {
			throw new DtmRequestException(query.get("gid"),
					"not a dtm xa call: query parameter '" + name + "' is missing");
		}
		return value;
	}

}
