package io.dtm.server.store;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Deletes transactions that finished long ago, for the retention cleanup of the SQL store
 * (the Redis store lets its keys expire instead). A transaction counts as finished before
 * a time when its status is {@code succeed} or {@code failed} and its last write, the one
 * that finished it, is older; unfinished transactions are never touched.
 */
public interface RetentionStore {

	/**
	 * Some transactions that finished before a time, in no particular order.
	 * @param cutoff only transactions whose last write is older
	 * @param limit the most gids to return
	 * @return their gids
	 */
	List<String> finishedBefore(LocalDateTime cutoff, int limit);

	/**
	 * Delete transactions with their branches and branch call records, all of a batch in
	 * one database transaction. A gid whose transaction is no longer finished before the
	 * cutoff (or no longer exists) is left alone.
	 * @param gids the transactions, as {@link #finishedBefore} returned them
	 * @param cutoff the same cutoff
	 * @return how many transactions were deleted
	 */
	int deleteFinished(List<String> gids, LocalDateTime cutoff);

}
