package io.dtm.server.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.dtm.core.TransType;
import io.dtm.server.cron.CronMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The cron's meters, all fed by its polls (no store query of their own):
 * {@code dtm_cron_polls_total{result}} ({@code leased}, {@code idle}, {@code failed}),
 * {@code dtm_cron_poll_age_seconds} (time since this instance's cron last polled the
 * store successfully: its lag; NaN where the cron does not run),
 * {@code dtm_cron_leased_age{model}} (a histogram of the age of the unfinished
 * transactions the cron leases) and {@code dtm_cron_leased_timeout_ratio{model}} (their
 * age divided by their timeout, for those that have one).
 */
public class MicrometerCronMetrics implements CronMetrics {

	/** Buckets of the leased age: from a second to a week. */
	static final Duration[] AGE_BUCKETS = { Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
			Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
			Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7) };

	private static final double[] RATIO_BUCKETS = { 1, 2, 3, 5, 10, 100 };

	private final MeterRegistry registry;

	private final LongSupplier nanoTime;

	private final Map<PollResult, Counter> polls = new EnumMap<>(PollResult.class);

	private volatile long lastPoll;

	private volatile boolean running;

	/**
	 * Create the meters.
	 * @param registry where to register
	 * @param nanoTime the monotonic clock of the poll age ({@code System::nanoTime})
	 */
	public MicrometerCronMetrics(MeterRegistry registry, LongSupplier nanoTime) {
		this.registry = registry;
		this.nanoTime = nanoTime;
		for (PollResult result : PollResult.values()) {
			this.polls.put(result,
					Counter.builder("dtm.cron.polls")
						.description("Polls of the store by the cron, by result (leased: a due transaction was leased)")
						.tag("result", result.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
		Gauge.builder("dtm.cron.poll.age", this, MicrometerCronMetrics::pollAgeSeconds)
			.description("Seconds since the cron of this instance last polled the store successfully (NaN: no cron)")
			.baseUnit("seconds")
			.register(registry);
	}

	@Override
	public void started() {
		this.lastPoll = this.nanoTime.getAsLong();
		this.running = true;
	}

	@Override
	public void polled(PollResult result) {
		this.polls.get(result).increment();
		if (result != PollResult.FAILED) {
			this.lastPoll = this.nanoTime.getAsLong();
		}
	}

	@Override
	public void leased(TransType type, Duration age, Duration timeout) {
		Timer.builder("dtm.cron.leased.age")
			.description("Age (time since creation) of the unfinished transactions the cron leases, in seconds")
			.tag("model", type.wireValue())
			.serviceLevelObjectives(AGE_BUCKETS)
			.register(this.registry)
			.record(age);
		if (timeout != null && timeout.toMillis() > 0) {
			DistributionSummary.builder("dtm.cron.leased.timeout.ratio")
				.description("Age of the transactions the cron leases divided by their timeout (those with one)")
				.tag("model", type.wireValue())
				.serviceLevelObjectives(RATIO_BUCKETS)
				.register(this.registry)
				.record((double) age.toMillis() / timeout.toMillis());
		}
	}

	private double pollAgeSeconds() {
		if (!this.running) {
			return Double.NaN;
		}
		return (double) (this.nanoTime.getAsLong() - this.lastPoll) / TimeUnit.SECONDS.toNanos(1);
	}

}
