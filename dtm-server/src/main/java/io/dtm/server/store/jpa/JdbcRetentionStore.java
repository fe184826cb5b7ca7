package io.dtm.server.store.jpa;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.RetentionStore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RetentionStore} of the SQL store. The candidates come from the index
 * {@code status_update_time}; a batch is deleted in one database transaction that first
 * locks the global rows still finished before the cutoff, then deletes their branch rows,
 * their branch call records and the global rows, so no reader ever sees a transaction
 * without its branches. The transaction must run at {@code READ COMMITTED}: under
 * InnoDB's default {@code REPEATABLE READ} the locking read and the deletes also lock the
 * gaps between the index entries they visit, and the inserts and guarded updates of live
 * transactions whose gids fall into those gaps wait for the batch or deadlock with it.
 * The SQL works on MySQL/MariaDB and on H2 in MySQL mode.
 */
class JdbcRetentionStore implements RetentionStore {

	private static final String FINISHED = "status IN ('succeed', 'failed') AND update_time < ?";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final BranchCallLog callLog;

	JdbcRetentionStore(JdbcTemplate jdbc, TransactionTemplate transactions, BranchCallLog callLog) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.callLog = callLog;
	}

	@Override
	public List<String> finishedBefore(LocalDateTime cutoff, int limit) {
		return this.jdbc.queryForList("SELECT gid FROM trans_global WHERE " + FINISHED + " LIMIT ?", String.class,
				cutoff, limit);
	}

	@Override
	public int deleteFinished(List<String> gids, LocalDateTime cutoff) {
		if (gids.isEmpty()) {
			return 0;
		}
		Integer deleted = this.transactions.execute((status) -> {
			List<Object> arguments = new ArrayList<>(gids);
			arguments.add(cutoff);
			List<String> locked = this.jdbc.queryForList("SELECT gid FROM trans_global WHERE gid IN ("
					+ marks(gids.size()) + ") AND " + FINISHED + " FOR UPDATE", String.class, arguments.toArray());
			if (locked.isEmpty()) {
				return 0;
			}
			String in = " WHERE gid IN (" + marks(locked.size()) + ")";
			this.jdbc.update("DELETE FROM trans_branch_op" + in, locked.toArray());
			this.callLog.deleteFor(locked);
			return this.jdbc.update("DELETE FROM trans_global" + in, locked.toArray());
		});
		return (deleted != null) ? deleted : 0;
	}

	private static String marks(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

}
