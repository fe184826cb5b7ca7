package io.dtm.server.retention;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.Sleeper;
import io.dtm.server.store.JobLease;
import io.dtm.server.store.RetentionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One sweep of the retention cleanup: when this instance holds (or takes) the lease
 * {@value #LEASE}, delete the transactions that finished before now minus the retention,
 * a batch at a time with a pause after each batch, renewing the lease before every batch
 * and stopping as soon as it is lost. Deleted transactions are counted in
 * {@code dtm.retention.deleted} (Prometheus {@code dtm_retention_deleted_total}).
 */
public class RetentionSweeper {

	/** The name of the cleanup lease in the {@link JobLease}. */
	public static final String LEASE = "retention";

	private final RetentionStore store;

	private final JobLease lease;

	private final Clock clock;

	private final Sleeper sleeper;

	private final DtmServerProperties.Retention properties;

	private final Counter deleted;

	/**
	 * A sweeper.
	 * @param store the store
	 * @param lease the leases
	 * @param clock the clock of the store's times
	 * @param sleeper how to pause between batches
	 * @param properties the retention settings
	 * @param meters where the deleted transactions are counted
	 */
	public RetentionSweeper(RetentionStore store, JobLease lease, Clock clock, Sleeper sleeper,
			DtmServerProperties.Retention properties, MeterRegistry meters) {
		this.store = store;
		this.lease = lease;
		this.clock = clock;
		this.sleeper = sleeper;
		this.properties = properties;
		this.deleted = Counter.builder("dtm.retention.deleted")
			.description("Finished transactions deleted by the retention cleanup")
			.baseUnit("transactions")
			.register(meters);
	}

	/**
	 * Sweep once, unless the retention is off or another instance holds the lease.
	 * @param owner this instance's lease owner token
	 * @return what the sweep did
	 * @throws InterruptedException when the pause between batches is interrupted
	 */
	public Sweep sweep(String owner) throws InterruptedException {
		if (this.properties.getFinished().isZero()) {
			return Sweep.NOT_LEASED;
		}
		LocalDateTime now = LocalDateTime.now(this.clock);
		if (!this.lease.acquire(LEASE, owner, now, this.properties.getLease())) {
			return Sweep.NOT_LEASED;
		}
		LocalDateTime cutoff = now.minus(this.properties.getFinished());
		int batchSize = this.properties.getBatchSize();
		int total = 0;
		int batches = 0;
		while (true) {
			List<String> gids = this.store.finishedBefore(cutoff, batchSize);
			int count = gids.isEmpty() ? 0 : this.store.deleteFinished(gids, cutoff);
			if (count > 0) {
				batches++;
				total += count;
				this.deleted.increment(count);
			}
			if (count == 0 || gids.size() < batchSize) {
				return new Sweep(true, total, batches);
			}
			this.sleeper.sleep(this.properties.getBatchPause());
			if (!this.lease.acquire(LEASE, owner, LocalDateTime.now(this.clock), this.properties.getLease())) {
				return new Sweep(false, total, batches);
			}
		}
	}

	/**
	 * What one sweep did.
	 *
	 * @param leased whether this instance held the lease when the sweep ended
	 * @param deleted how many transactions it deleted
	 * @param batches in how many batches
	 */
	public record Sweep(boolean leased, int deleted, int batches) {

		static final Sweep NOT_LEASED = new Sweep(false, 0, 0);

	}

}
