package io.dtm.server.testsupport;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.dtm.server.store.InstanceRecord;
import io.dtm.server.store.InstanceRegistry;

/**
 * An {@link InstanceRegistry} in memory, with a switch that makes every call fail as a
 * store outage would.
 */
public class InMemoryInstanceRegistry implements InstanceRegistry {

	private final Map<String, InstanceRecord> records = new TreeMap<>();

	private volatile RuntimeException failure;

	/**
	 * Make every call throw, or stop doing so.
	 * @param failure what to throw, or {@code null}
	 */
	public void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	@Override
	public synchronized void heartbeat(InstanceRecord record) {
		check();
		this.records.put(record.id(), record);
	}

	@Override
	public synchronized List<InstanceRecord> instances() {
		check();
		return List.copyOf(this.records.values());
	}

	@Override
	public synchronized void remove(String id) {
		check();
		this.records.remove(id);
	}

	@Override
	public synchronized int forget(LocalDateTime lastSeenBefore) {
		check();
		int before = this.records.size();
		this.records.values().removeIf((record) -> record.lastSeen().isBefore(lastSeenBefore));
		return before - this.records.size();
	}

	private void check() {
		RuntimeException fail = this.failure;
		if (fail != null) {
			throw fail;
		}
	}

}
