package io.dtm.server.testsupport;

import java.util.ArrayList;
import java.util.List;

import io.dtm.server.store.AuditEntry;
import io.dtm.server.store.AuditTrail;

/**
 * An {@link AuditTrail} in memory for service tests, with a switch that makes recordings
 * fail as a store outage would.
 */
public class InMemoryAuditTrail implements AuditTrail {

	private final List<AuditEntry> entries = new ArrayList<>();

	private volatile RuntimeException failure;

	/**
	 * Make every recording throw, or stop doing so.
	 * @param failure what to throw, or {@code null}
	 */
	public void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	@Override
	public synchronized AuditEntry record(AuditEntry entry) {
		RuntimeException fail = this.failure;
		if (fail != null) {
			throw fail;
		}
		AuditEntry recorded = entry.withId(this.entries.size() + 1);
		this.entries.add(recorded);
		return recorded;
	}

	@Override
	public synchronized List<AuditEntry> page(Long beforeId, int limit) {
		AuditTrail.checkLimit(limit);
		return newestFirst().stream()
			.filter((entry) -> beforeId == null || entry.id() < beforeId)
			.limit(limit)
			.toList();
	}

	@Override
	public synchronized List<AuditEntry> forTarget(String target) {
		return newestFirst().stream().filter((entry) -> entry.target().equals(target)).limit(MAX_PAGE).toList();
	}

	private List<AuditEntry> newestFirst() {
		List<AuditEntry> copy = new ArrayList<>(this.entries);
		java.util.Collections.reverse(copy);
		return copy;
	}

}
