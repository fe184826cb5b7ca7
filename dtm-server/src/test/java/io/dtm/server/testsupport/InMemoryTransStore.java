package io.dtm.server.testsupport;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.server.store.Branch;
import io.dtm.server.store.DuplicateBranchException;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.KvPage;
import io.dtm.server.store.KvRecord;
import io.dtm.server.store.StatusChange;
import io.dtm.server.store.TransPage;
import io.dtm.server.store.TransQuery;
import io.dtm.server.store.TransStore;

/**
 * A {@link TransStore} in memory for deterministic engine tests: the same guarded
 * semantics as the real stores, every method synchronized, and a switch that makes the
 * next writes fail as a store outage would.
 */
public class InMemoryTransStore implements TransStore {

	private final Map<String, GlobalTrans> globals = new LinkedHashMap<>();

	private final Map<String, List<Branch>> branches = new LinkedHashMap<>();

	private final Map<String, KvRecord> kv = new LinkedHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicInteger failingWrites = new AtomicInteger();

	private volatile Predicate<String> failWhen = (operation) -> false;

	/**
	 * Make the next {@code count} writes throw, as a store outage would.
	 * @param count how many writes fail
	 */
	public void failNextWrites(int count) {
		this.failingWrites.set(count);
	}

	/**
	 * Make every write of the named operations throw until reset with a predicate that is
	 * always false.
	 * @param failWhen operation names ({@code changeStatus}, {@code updateBranchStatus},
	 * {@code touchCronTime}, {@code leaseDue}…) that fail
	 */
	public void failWhen(Predicate<String> failWhen) {
		this.failWhen = failWhen;
	}

	private void write(String operation) {
		if (this.failWhen.test(operation) || this.failingWrites.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			throw new IllegalStateException("store unavailable (" + operation + ")");
		}
	}

	/**
	 * Put a transaction with its branches as they would be stored, for tests that start
	 * from a state a crash left behind.
	 * @param global the global row
	 * @param rows its branches
	 */
	public synchronized void put(GlobalTrans global, List<Branch> rows) {
		long id = (global.id() > 0) ? global.id() : this.ids.incrementAndGet();
		this.globals.put(global.gid(), copy(global, id, global.status(), global.nextCronInterval(),
				global.nextCronTime(), global.owner(), global.rollbackReason()));
		List<Branch> stored = new ArrayList<>();
		for (Branch branch : rows) {
			stored.add(new Branch(this.ids.incrementAndGet(), branch.gid(), branch.url(), branch.binData(),
					branch.branchId(), branch.op(), branch.status(), branch.createTime(), branch.updateTime(),
					branch.finishTime(), branch.rollbackTime()));
		}
		this.branches.put(global.gid(), stored);
	}

	@Override
	public synchronized boolean saveNew(GlobalTrans global, List<Branch> rows) {
		write("saveNew");
		if (this.globals.containsKey(global.gid())) {
			return false;
		}
		put(global, rows);
		return true;
	}

	@Override
	public synchronized Optional<GlobalTrans> find(String gid) {
		return Optional.ofNullable(this.globals.get(gid));
	}

	@Override
	public synchronized List<Branch> findBranches(String gid) {
		return List.copyOf(this.branches.getOrDefault(gid, List.of()));
	}

	@Override
	public synchronized boolean changeStatus(StatusChange change) {
		write("changeStatus");
		GlobalTrans current = this.globals.get(change.gid());
		if (current == null || current.status() != change.from()) {
			return false;
		}
		String reason = (change.rollbackReason() != null) ? change.rollbackReason() : current.rollbackReason();
		GlobalTrans changed = copy(current, current.id(), change.to(), current.nextCronInterval(),
				current.nextCronTime(), current.owner(), reason);
		LocalDateTime finish = (change.to() == GlobalStatus.SUCCEED) ? change.now() : changed.finishTime();
		LocalDateTime rollback = (change.to() == GlobalStatus.FAILED) ? change.now() : changed.rollbackTime();
		this.globals.put(change.gid(),
				new GlobalTrans(changed.id(), changed.gid(), changed.transType(), changed.status(),
						changed.queryPrepared(), changed.protocol(), changed.createTime(), change.now(), finish,
						rollback, changed.options(), changed.customData(), changed.nextCronInterval(),
						changed.nextCronTime(), changed.owner(), changed.extData(),
						(change.result() != null) ? change.result() : changed.result(), changed.rollbackReason()));
		return true;
	}

	@Override
	public synchronized boolean updateBranchStatus(Branch branch, BranchStatus status, GlobalStatus expectedGlobal,
			LocalDateTime now) {
		write("updateBranchStatus");
		GlobalTrans global = this.globals.get(branch.gid());
		if (global == null || global.status() != expectedGlobal) {
			return false;
		}
		List<Branch> rows = this.branches.get(branch.gid());
		for (int i = 0; i < rows.size(); i++) {
			Branch row = rows.get(i);
			if (row.id() == branch.id()) {
				rows.set(i,
						new Branch(row.id(), row.gid(), row.url(), row.binData(), row.branchId(), row.op(), status,
								row.createTime(), now, (status == BranchStatus.SUCCEED) ? now : row.finishTime(),
								(status == BranchStatus.FAILED) ? now : row.rollbackTime()));
				return true;
			}
		}
		return false;
	}

	@Override
	public synchronized boolean registerBranches(String gid, List<Branch> rows, LocalDateTime now) {
		write("registerBranches");
		GlobalTrans global = this.globals.get(gid);
		if (global == null || global.status() != GlobalStatus.PREPARED) {
			return false;
		}
		List<Branch> stored = this.branches.get(gid);
		for (Branch branch : rows) {
			if (stored.stream().anyMatch((b) -> b.branchId().equals(branch.branchId()) && b.op() == branch.op())) {
				throw new DuplicateBranchException(gid, branch.branchId(), null);
			}
		}
		for (Branch branch : rows) {
			stored.add(new Branch(this.ids.incrementAndGet(), gid, branch.url(), branch.binData(), branch.branchId(),
					branch.op(), branch.status(), now, now, null, null));
		}
		return true;
	}

	@Override
	public synchronized boolean touchCronTime(String gid, GlobalStatus expected, long intervalSeconds,
			LocalDateTime nextCronTime, LocalDateTime now) {
		write("touchCronTime");
		GlobalTrans current = this.globals.get(gid);
		if (current == null || current.status() != expected) {
			return false;
		}
		this.globals.put(gid, copy(current, current.id(), current.status(), intervalSeconds, nextCronTime,
				current.owner(), current.rollbackReason()));
		return true;
	}

	@Override
	public synchronized long countDue(LocalDateTime before, int cap) {
		write("countDue");
		return Math.min(cap, this.globals.values()
			.stream()
			.filter((g) -> !g.status().isFinished() && g.nextCronTime() != null && g.nextCronTime().isBefore(before))
			.count());
	}

	@Override
	public synchronized Optional<GlobalTrans> leaseDue(LocalDateTime now, Duration lease, String owner) {
		write("leaseDue");
		Optional<GlobalTrans> due = this.globals.values()
			.stream()
			.filter((g) -> !g.status().isFinished() && g.nextCronTime() != null && !g.nextCronTime().isAfter(now))
			.min(Comparator.comparing(GlobalTrans::nextCronTime));
		return due.map((g) -> {
			GlobalTrans leased = copy(g, g.id(), g.status(), g.nextCronInterval(), now.plus(lease), owner,
					g.rollbackReason());
			this.globals.put(g.gid(), leased);
			return leased;
		});
	}

	@Override
	public synchronized boolean resetNextCronTime(String gid, LocalDateTime now) {
		write("resetNextCronTime");
		GlobalTrans current = this.globals.get(gid);
		if (current == null) {
			return false;
		}
		this.globals.put(gid, copy(current, current.id(), current.status(), current.nextCronInterval(), now,
				current.owner(), current.rollbackReason()));
		return true;
	}

	@Override
	public synchronized int resetCronTime(LocalDateTime later, LocalDateTime now, int limit) {
		write("resetCronTime");
		int count = 0;
		for (GlobalTrans g : List.copyOf(this.globals.values())) {
			if (count < limit && !g.status().isFinished() && g.nextCronTime() != null
					&& g.nextCronTime().isAfter(later)) {
				this.globals.put(g.gid(),
						copy(g, g.id(), g.status(), g.nextCronInterval(), now, g.owner(), g.rollbackReason()));
				count++;
			}
		}
		return count;
	}

	@Override
	public synchronized TransPage scan(TransQuery query) {
		List<GlobalTrans> page = this.globals.values()
			.stream()
			.filter((g) -> query.position() == null || g.id() < query.position())
			.filter((g) -> query.status() == null || g.status() == query.status())
			.filter((g) -> query.transType() == null || g.transType() == query.transType())
			.filter((g) -> query.createTimeStart() == null || !g.createTime().isBefore(query.createTimeStart()))
			.filter((g) -> query.createTimeEnd() == null || !g.createTime().isAfter(query.createTimeEnd()))
			.filter((g) -> query.matchesGid(g.gid()))
			.sorted(Comparator.comparingLong(GlobalTrans::id).reversed())
			.limit(query.limit())
			.toList();
		String next = (page.size() == query.limit()) ? String.valueOf(page.get(page.size() - 1).id()) : "";
		return new TransPage(page, next);
	}

	@Override
	public synchronized Map<GlobalStatus, Long> countByStatus() {
		Map<GlobalStatus, Long> counts = new EnumMap<>(GlobalStatus.class);
		this.globals.values().forEach((g) -> counts.merge(g.status(), 1L, Long::sum));
		return counts;
	}

	@Override
	public void ping() {
		write("ping");
	}

	@Override
	public synchronized Optional<KvRecord> findKv(String cat, String key) {
		return Optional.ofNullable(this.kv.get(cat + "\u0000" + key));
	}

	@Override
	public synchronized KvPage scanKv(String cat, Long position, int limit) {
		List<KvRecord> page = this.kv.values()
			.stream()
			.filter((r) -> r.cat().equals(cat) && (position == null || r.id() > position))
			.sorted(Comparator.comparingLong(KvRecord::id))
			.limit(limit)
			.toList();
		String next = (page.size() == limit) ? String.valueOf(page.get(page.size() - 1).id()) : "";
		return new KvPage(page, next);
	}

	@Override
	public synchronized boolean createKv(String cat, String key, String value, LocalDateTime now) {
		write("createKv");
		return this.kv.putIfAbsent(cat + "\u0000" + key,
				new KvRecord(this.ids.incrementAndGet(), cat, key, value, 1, now, now)) == null;
	}

	@Override
	public synchronized boolean updateKv(String cat, String key, String value, long expectedVersion,
			LocalDateTime now) {
		write("updateKv");
		KvRecord current = this.kv.get(cat + "\u0000" + key);
		if (current == null || current.version() != expectedVersion) {
			return false;
		}
		this.kv.put(cat + "\u0000" + key,
				new KvRecord(current.id(), cat, key, value, expectedVersion + 1, current.createTime(), now));
		return true;
	}

	@Override
	public synchronized boolean deleteKv(String cat, String key) {
		write("deleteKv");
		return this.kv.remove(cat + "\u0000" + key) != null;
	}

	private static GlobalTrans copy(GlobalTrans g, long id, GlobalStatus status, long interval, LocalDateTime next,
			String owner, String reason) {
		return new GlobalTrans(id, g.gid(), g.transType(), status, g.queryPrepared(), g.protocol(), g.createTime(),
				g.updateTime(), g.finishTime(), g.rollbackTime(), g.options(), g.customData(), interval, next, owner,
				g.extData(), g.result(), reason);
	}

}
