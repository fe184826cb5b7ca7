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
 * without its branches.
 * <p>
 * The batch must never lock a row of a live transaction, or the live transaction's
 * guarded updates wait for it and can deadlock with it. So every locking statement names
 * rows by primary key, in lists of at most {@value #CHUNK} (MariaDB turns an {@code IN}
 * list of 1,000 values into a join with a derived table and scans the whole table,
 * locking every row it reads), and the transaction runs at {@code READ COMMITTED}, where
 * InnoDB locks no gaps between index entries (live inserts need them). The SQL works on
 * MySQL/MariaDB and on H2 in MySQL mode.
 */
class JdbcRetentionStore implements RetentionStore {

	/** Most values in one {@code IN} list. */
	static final int CHUNK = 100;

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
			List<Long> globalIds = new ArrayList<>();
			for (List<String> chunk : chunks(gids)) {
				globalIds.addAll(
						this.jdbc.queryForList("SELECT id FROM trans_global WHERE gid IN (" + marks(chunk.size()) + ")",
								Long.class, chunk.toArray()));
			}
			List<Long> lockedIds = new ArrayList<>();
			List<String> lockedGids = new ArrayList<>();
			for (List<Long> chunk : chunks(globalIds)) {
				List<Object> arguments = new ArrayList<>(chunk);
				arguments.add(cutoff);
				this.jdbc.query("SELECT id, gid FROM trans_global WHERE id IN (" + marks(chunk.size()) + ") AND "
						+ FINISHED + " FOR UPDATE", (rs) -> {
							lockedIds.add(rs.getLong("id"));
							lockedGids.add(rs.getString("gid"));
						}, arguments.toArray());
			}
			List<Long> branchIds = new ArrayList<>();
			for (List<String> chunk : chunks(lockedGids)) {
				branchIds.addAll(this.jdbc.queryForList(
						"SELECT id FROM trans_branch_op WHERE gid IN (" + marks(chunk.size()) + ")", Long.class,
						chunk.toArray()));
			}
			for (List<Long> chunk : chunks(branchIds)) {
				this.jdbc.update("DELETE FROM trans_branch_op WHERE id IN (" + marks(chunk.size()) + ")",
						chunk.toArray());
			}
			this.callLog.deleteFor(lockedGids);
			int count = 0;
			for (List<Long> chunk : chunks(lockedIds)) {
				count += this.jdbc.update("DELETE FROM trans_global WHERE id IN (" + marks(chunk.size()) + ")",
						chunk.toArray());
			}
			return count;
		});
		return (deleted != null) ? deleted : 0;
	}

	private static <T> List<List<T>> chunks(List<T> values) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < values.size(); from += CHUNK) {
			chunks.add(values.subList(from, Math.min(values.size(), from + CHUNK)));
		}
		return chunks;
	}

	private static String marks(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

}
