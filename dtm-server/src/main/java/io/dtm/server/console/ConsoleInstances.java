package io.dtm.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;

import io.dtm.server.instance.InstanceIdentity;
import io.dtm.server.store.InstanceRecord;
import io.dtm.server.store.InstanceRegistry;

/**
 * The instances sharing the store as the health page shows them: each record with whether
 * it is this instance and whether it is still heartbeating.
 */
class ConsoleInstances {

	private final InstanceRegistry registry;

	private final InstanceIdentity identity;

	private final Clock clock;

	private final Duration lostAfter;

	ConsoleInstances(InstanceRegistry registry, InstanceIdentity identity, Clock clock, Duration lostAfter) {
		this.registry = registry;
		this.identity = identity;
		this.clock = clock;
		this.lostAfter = lostAfter;
	}

	/**
	 * Every instance: this one first, then the live ones, then the lost ones, each by id.
	 * @return the rows
	 */
	List<Row> rows() {
		LocalDateTime lostBefore = LocalDateTime.now(this.clock).minus(this.lostAfter);
		String self = this.identity.id();
		return this.registry.instances()
			.stream()
			.map((record) -> new Row(record, record.id().equals(self), !record.lastSeen().isBefore(lostBefore)))
			.sorted(Comparator.comparing((Row row) -> !row.self()).thenComparing((Row row) -> !row.live()))
			.toList();
	}

	/**
	 * One instance on the health page.
	 *
	 * @param record what it last wrote
	 * @param self whether it is the instance serving the page
	 * @param live whether its record is younger than the lost-after setting
	 */
	record Row(InstanceRecord record, boolean self, boolean live) {
	}

}
