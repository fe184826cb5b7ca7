package io.dtm.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.core.GlobalStatus;
import io.dtm.server.service.TransCoordinator;
import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditEntry;
import io.dtm.server.store.AuditTrail;
import io.dtm.server.store.Branch;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.BranchCallRecord;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.TransPage;
import io.dtm.server.store.TransStore;

/**
 * What the console's pages read: a page of transactions (through the same service method
 * as dtm's {@code all}), one transaction with its branches, and the counts per status,
 * which are cached for a few seconds because counting reads the whole status index.
 */
public class ConsoleTransactions {

	private static final Duration MIN_COUNTS_TTL = Duration.ofSeconds(5);

	private final TransCoordinator coordinator;

	private final TransStore store;

	private final Clock clock;

	private final BranchCallLog callLog;

	private final AuditTrail auditTrail;

	private final AtomicReference<Counts> counts = new AtomicReference<>();

	private final Duration countsTtl;

	public ConsoleTransactions(TransCoordinator coordinator, TransStore store, BranchCallLog callLog,
			AuditTrail auditTrail, Clock clock, Duration refreshInterval) {
		this.countsTtl = (refreshInterval.compareTo(MIN_COUNTS_TTL) > 0) ? refreshInterval : MIN_COUNTS_TTL;
		this.callLog = callLog;
		this.auditTrail = auditTrail;
		this.coordinator = coordinator;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * One page of the list, newest first.
	 * @param filter the filters and position
	 * @param pageSize the page size
	 * @return the page
	 */
	public TransPage page(ConsoleFilter filter, int pageSize) {
		return this.coordinator.all(filter.query(pageSize));
	}

	/**
	 * One transaction.
	 * @param gid the gid
	 * @return the transaction
	 */
	public Optional<GlobalTrans> find(String gid) {
		return this.coordinator.find(gid);
	}

	/**
	 * A transaction's branches in processing order.
	 * @param gid the gid
	 * @return the branches
	 */
	public List<Branch> branches(String gid) {
		return this.coordinator.branches(gid);
	}

	/**
	 * The failed calls recorded for a transaction's branches (and its check-backs or
	 * callbacks, branch {@code 00}).
	 * @param gid the gid
	 * @return the records
	 */
	public List<BranchCallRecord> callRecords(String gid) {
		return this.callLog.find(gid);
	}

	/**
	 * The operator actions taken on a transaction, newest first.
	 * @param gid the gid
	 * @return the entries
	 */
	public List<AuditEntry> auditOf(String gid) {
		// a topic may carry the same name as a gid: keep the transaction's own actions
		return this.auditTrail.forGid(gid)
			.stream()
			.filter((entry) -> entry.action() == AuditAction.RETRY_NOW || entry.action() == AuditAction.FORCE_STOP)
			.toList();
	}

	/**
	 * A page of the audit trail, newest first.
	 * @param beforeId exclusive upper entry id, {@code null} for the newest
	 * @param limit at most this many
	 * @return the entries
	 */
	public List<AuditEntry> auditPage(Long beforeId, int limit) {
		return this.auditTrail.page(beforeId, limit);
	}

	/**
	 * Transactions per status, every status present (zero when none).
	 * @return the counts, at most a few seconds old
	 */
	public synchronized Map<GlobalStatus, Long> countsByStatus() {
		Instant now = this.clock.instant();
		Counts cached = this.counts.get();
		if (cached == null || cached.at().plus(this.countsTtl).isBefore(now)) {
			Map<GlobalStatus, Long> fresh = new EnumMap<>(GlobalStatus.class);
			for (GlobalStatus status : GlobalStatus.values()) {
				fresh.put(status, 0L);
			}
			fresh.putAll(this.store.countByStatus());
			cached = new Counts(now, Map.copyOf(fresh));
			this.counts.set(cached);
		}
		Map<GlobalStatus, Long> ordered = new EnumMap<>(GlobalStatus.class);
		ordered.putAll(cached.byStatus());
		return ordered;
	}

	private record Counts(Instant at, Map<GlobalStatus, Long> byStatus) {

	}

}
