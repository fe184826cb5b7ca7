package io.dtm.server.retention;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.dtm.server.config.DtmExecutors;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.JobLease;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link RetentionSweeper} every retention interval on a thread of its own, from
 * the time the servers have started until shutdown, when it gives the lease up so another
 * instance can take over at once. A failed sweep is logged once until one succeeds again
 * and counted in {@code dtm.retention.failures}; the next interval tries again.
 */
public class RetentionJob implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RetentionJob.class);

	private final RetentionSweeper sweeper;

	private final JobLease lease;

	private final Supplier<String> owners;

	private final DtmServerProperties.Retention properties;

	private final Counter failures;

	private ScheduledExecutorService executor;

	private volatile String owner;

	private volatile boolean failing;

	/**
	 * A job.
	 * @param sweeper the sweeper
	 * @param lease the leases, to give the lease up on shutdown
	 * @param owners a fresh lease owner token of this instance
	 * @param properties the retention settings
	 * @param meters where failed sweeps are counted
	 */
	public RetentionJob(RetentionSweeper sweeper, JobLease lease, Supplier<String> owners,
			DtmServerProperties.Retention properties, MeterRegistry meters) {
		this.sweeper = sweeper;
		this.lease = lease;
		this.owners = owners;
		this.properties = properties;
		this.failures = Counter.builder("dtm.retention.failures")
			.description("Retention sweeps that ended with an error")
			.register(meters);
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		if (this.properties.getFinished().isZero()) {
			logger.info("retention is off (dtm.server.retention.finished=0): finished transactions are kept forever");
			return;
		}
		this.owner = this.owners.get();
		this.executor = DtmExecutors.periodic("dtm-retention");
		long interval = this.properties.getInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor == null) {
			return;
		}
		DtmExecutors.stopPeriodic(this.executor);
		this.executor = null;
		try {
			this.lease.release(RetentionSweeper.LEASE, this.owner);
		}
		catch (RuntimeException ex) {
			logger.warn("could not give up the retention lease: {}", ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * Run one sweep now (the scheduled runs call this too).
	 */
	public void sweep() {
		try {
			RetentionSweeper.Sweep sweep = this.sweeper.sweep(this.owner);
			if (sweep.deleted() > 0) {
				logger.info("retention deleted {} finished transaction(s) in {} batch(es)", sweep.deleted(),
						sweep.batches());
			}
			if (this.failing) {
				this.failing = false;
				logger.info("retention cleanup recovered");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			this.failures.increment();
			if (!this.failing) {
				this.failing = true;
				logger.warn("retention cleanup failed, will try again in {}: {}", this.properties.getInterval(),
						ex.getMessage());
			}
		}
	}

}
