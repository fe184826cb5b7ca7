package io.dtm.server.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dtm.server.config.DtmExecutors;
import io.dtm.server.store.TransStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.SmartLifecycle;

/**
 * {@code dtm_cron_overdue_transactions}: how many unfinished transactions were due longer
 * ago than the overdue-after setting, counted by the store every interval (at most
 * {@value #CAP}). The cron leases due work within seconds, so a count that stays above
 * zero means no instance takes it: every cron is off, stuck or failing. Every instance
 * reports the same number; NaN until the first count and while counting fails (the store
 * health reports that).
 */
public class OverdueSampler implements SmartLifecycle {

	/** Most transactions counted. */
	public static final int CAP = 10_000;

	private final TransStore store;

	private final Clock clock;

	private final Duration overdueAfter;

	private final Duration interval;

	private volatile double overdue = Double.NaN;

	private ScheduledExecutorService executor;

	/**
	 * A sampler.
	 * @param store the store
	 * @param clock the clock of the store's times
	 * @param overdueAfter how long past its next processing time a transaction is overdue
	 * @param interval how often to count
	 * @param registry where the gauge goes
	 */
	public OverdueSampler(TransStore store, Clock clock, Duration overdueAfter, Duration interval,
			MeterRegistry registry) {
		this.store = store;
		this.clock = clock;
		this.overdueAfter = overdueAfter;
		this.interval = interval;
		Gauge.builder("dtm.cron.overdue", this, (sampler) -> sampler.overdue)
			.description("Unfinished transactions due longer ago than dtm.server.metrics.overdue-after that no "
					+ "instance has leased (counted up to " + CAP + ")")
			.baseUnit("transactions")
			.register(registry);
	}

	/**
	 * Count now.
	 */
	public void sample() {
		try {
			this.overdue = this.store.countDue(LocalDateTime.now(this.clock).minus(this.overdueAfter), CAP);
		}
		catch (RuntimeException ex) {
			this.overdue = Double.NaN;
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor == null) {
			this.executor = DtmExecutors.periodic("dtm-overdue-sampler");
			this.executor.scheduleWithFixedDelay(this::sample, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			DtmExecutors.stopPeriodic(this.executor);
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
