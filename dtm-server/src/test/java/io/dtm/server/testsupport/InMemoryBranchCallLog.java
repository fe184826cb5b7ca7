package io.dtm.server.testsupport;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtm.core.BranchOp;
import io.dtm.server.store.BranchCallFailure;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.BranchCallRecord;

/**
 * A {@link BranchCallLog} in memory for engine tests, with a switch that makes recordings
 * fail as a store outage would.
 */
public class InMemoryBranchCallLog implements BranchCallLog {

	private final Map<String, BranchCallRecord> records = new LinkedHashMap<>();

	private volatile RuntimeException failure;

	/**
	 * Make every recording throw, or stop doing so.
	 * @param failure what to throw, or {@code null}
	 */
	public void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	@Override
	public synchronized void recordFailedCall(String gid, String branchId, BranchOp op, BranchCallFailure failure,
			LocalDateTime now) {
		RuntimeException fail = this.failure;
		if (fail != null) {
			throw fail;
		}
		String key = gid + "\u0000" + branchId + "\u0000" + op.wireValue();
		BranchCallRecord previous = this.records.get(key);
		long count = (previous != null) ? previous.failedCalls() + 1 : 1;
		this.records.put(key, new BranchCallRecord(gid, branchId, op, count, failure.outcome(), failure.code(),
				failure.message(), now));
	}

	@Override
	public synchronized List<BranchCallRecord> find(String gid) {
		return this.records.values()
			.stream()
			.filter((record) -> record.gid().equals(gid))
			.sorted(Comparator.comparing(BranchCallRecord::branchId).thenComparing((r) -> r.op().wireValue()))
			.toList();
	}

	@Override
	public synchronized int deleteFor(Collection<String> gids) {
		int before = this.records.size();
		this.records.values().removeIf((record) -> gids.contains(record.gid()));
		return before - this.records.size();
	}

}
