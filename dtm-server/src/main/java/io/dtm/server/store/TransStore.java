package io.dtm.server.store;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;

/**
 * Where the coordinator keeps transactions. Every mutating call is atomic and guarded: it
 * reports whether it applied instead of overwriting a concurrent change, which is what
 * lets any number of coordinator instances share one store.
 */
public interface TransStore {

	/**
	 * Insert a new global transaction and its branches in one atomic write.
	 * @param global the transaction ({@code id} is ignored)
	 * @param branches its branches in processing order
	 * @return {@code false} when the gid already exists (nothing is written)
	 */
	boolean saveNew(GlobalTrans global, List<Branch> branches);

	/**
	 * {@link #saveNew} that also returns the branches as stored, with their ids, so the
	 * first pass of a new transaction need not read them back. Stores that learn the ids
	 * from the insert override it; this default reads them.
	 * @param global the transaction ({@code id} is ignored)
	 * @param branches its branches in processing order
	 * @return the stored branches in processing order, or empty when the gid already
	 * exists (nothing is written)
	 */
	default Optional<List<Branch>> saveNewWithBranches(GlobalTrans global, List<Branch> branches) {
		return saveNew(global, branches) ? Optional.of(findBranches(global.gid())) : Optional.empty();
	}

	/**
	 * Find a transaction by gid.
	 * @param gid the gid
	 * @return the transaction
	 */
	Optional<GlobalTrans> find(String gid);

	/**
	 * The branches of a transaction in insertion order.
	 * @param gid the gid
	 * @return the branches
	 */
	List<Branch> findBranches(String gid);

	/**
	 * Change the status if it still equals {@code change.from()}.
	 * @param change the change
	 * @return whether it applied
	 */
	boolean changeStatus(StatusChange change);

	/**
	 * Update one branch's status, only while the global transaction is in
	 * {@code expectedGlobal}.
	 * @param branch the branch (by id)
	 * @param status the new status
	 * @param expectedGlobal the required global status
	 * @param now time of the change
	 * @return whether it applied
	 */
	boolean updateBranchStatus(Branch branch, BranchStatus status, GlobalStatus expectedGlobal, LocalDateTime now);

	/**
	 * Register branches of a prepared transaction (tcc/xa). The global row is locked so a
	 * concurrent status change waits for this write.
	 * @param gid the gid
	 * @param branches the branches
	 * @param now time of the change
	 * @return {@code false} when no transaction with that gid is {@code prepared}
	 * @throws DuplicateBranchException when a branch is already registered
	 */
	boolean registerBranches(String gid, List<Branch> branches, LocalDateTime now);

	/**
	 * Schedule the next processing attempt, only while the status is {@code expected}.
	 * @param gid the gid
	 * @param expected required status
	 * @param intervalSeconds the interval to store
	 * @param nextCronTime when to process next
	 * @param now time of the change
	 * @return whether it applied
	 */
	boolean touchCronTime(String gid, GlobalStatus expected, long intervalSeconds, LocalDateTime nextCronTime,
			LocalDateTime now);

	/**
	 * Lease one unfinished transaction whose next cron time has passed: push its next
	 * cron time forward by {@code lease} and stamp {@code owner}, atomically, so no other
	 * instance takes it meanwhile.
	 * @param now the current time
	 * @param lease how long the lease lasts
	 * @param owner a fresh owner token
	 * @return the leased transaction, or empty when none is due
	 */
	Optional<GlobalTrans> leaseDue(LocalDateTime now, Duration lease, String owner);

	/**
	 * Count the unfinished transactions whose next cron time is before a time: the work
	 * no instance has taken although it was due then. Counting stops at {@code cap}, so a
	 * large backlog costs no more than {@code cap} index entries.
	 * @param before the time
	 * @param cap the most to count
	 * @return how many, at most {@code cap}
	 */
	long countDue(LocalDateTime before, int cap);

	/**
	 * Set the next cron time (and update time) of one transaction to {@code now}, as dtm
	 * does whatever the status; only an unfinished transaction becomes due for the cron.
	 * @param gid the gid
	 * @param now the time
	 * @return whether the gid is known
	 */
	boolean resetNextCronTime(String gid, LocalDateTime now);

	/**
	 * Pull unfinished transactions whose next cron time is later than {@code later} back
	 * to {@code now}.
	 * @param later the threshold
	 * @param now the time to set
	 * @param limit maximum number of rows
	 * @return how many were reset
	 */
	int resetCronTime(LocalDateTime later, LocalDateTime now, int limit);

	/**
	 * A page of transactions, newest first.
	 * @param query filters and paging
	 * @return the page
	 */
	TransPage scan(TransQuery query);

	/**
	 * How many transactions the store holds in each status (statuses with none are
	 * absent).
	 * @return the counts
	 */
	Map<GlobalStatus, Long> countByStatus();

	/**
	 * Check that the store answers.
	 * @throws RuntimeException describing why it does not
	 */
	void ping();

	/**
	 * Find one KV row.
	 * @param cat category
	 * @param key key
	 * @return the row
	 */
	Optional<KvRecord> findKv(String cat, String key);

	/**
	 * A page of KV rows of one category in id order.
	 * @param cat category
	 * @param position exclusive lower row id from the previous page, or {@code null}
	 * @param limit page size
	 * @return the page
	 */
	KvPage scanKv(String cat, Long position, int limit);

	/**
	 * Create a KV row with version 1.
	 * @param cat category
	 * @param key key
	 * @param value value
	 * @param now time
	 * @return {@code false} when the (cat, key) already exists
	 */
	boolean createKv(String cat, String key, String value, LocalDateTime now);

	/**
	 * Replace a KV row's value if its version is still {@code expectedVersion},
	 * incrementing the version.
	 * @param cat category
	 * @param key key
	 * @param value new value
	 * @param expectedVersion version read before
	 * @param now time
	 * @return whether it applied
	 */
	boolean updateKv(String cat, String key, String value, long expectedVersion, LocalDateTime now);

	/**
	 * Delete a KV row.
	 * @param cat category
	 * @param key key
	 * @return whether a row was deleted
	 */
	boolean deleteKv(String cat, String key);

}
