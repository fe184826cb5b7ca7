package io.dtm.autoconfigure;

import java.util.function.IntConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts the barrier rows the cleanup deletes in {@code dtm.barrier.cleanup.deleted}
 * (Prometheus {@code dtm_barrier_cleanup_deleted_total}), tagged with the table, when the
 * application has a {@link MeterRegistry}.
 */
class BarrierCleanupMeter implements IntConsumer {

	private final Counter counter;

	BarrierCleanupMeter(ObjectProvider<MeterRegistry> registry, String table) {
		MeterRegistry meters = registry.getIfAvailable();
		this.counter = (meters != null) ? Counter.builder("dtm.barrier.cleanup.deleted")
			.description("Barrier rows deleted because they were older than dtm.client.barrier.cleanup.max-age")
			.tag("table", table)
			.register(meters) : null;
	}

	@Override
	public void accept(int deleted) {
		if (this.counter != null) {
			this.counter.increment(deleted);
		}
	}

}
