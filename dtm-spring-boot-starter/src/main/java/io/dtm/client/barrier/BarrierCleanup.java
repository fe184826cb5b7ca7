package io.dtm.client.barrier;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Deletes barrier rows older than a maximum age, every interval, in batches with a pause
 * between them, so the barrier table does not grow forever.
 * <p>
 * A barrier row is what makes a late or repeated branch call harmless: the row of a
 * {@code cancel} or {@code compensate} turns a {@code try} or {@code action} that arrives
 * after it into a no-op (no hanging), and the row of a finished operation turns its retry
 * into a no-op (idempotence). Deleting the rows of a transaction that the coordinator may
 * still call again takes that protection away. The maximum age must therefore exceed the
 * longest time any transaction can keep calling this participant: its timeout plus every
 * retry the coordinator makes until it finishes (dtm retries without limit, doubling the
 * interval up to its maximum), plus any request still in flight. Keep it in days, and
 * longer than the age after which an unfinished transaction would be force-stopped.
 * <p>
 * Several instances of a participant may all run the cleanup; their deletes only overlap.
 */
public class BarrierCleanup implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BarrierCleanup.class);

	private final JdbcBarrier barrier;

	private final Duration maxAge;

	private final Duration interval;

	private final int batchSize;

	private final Duration batchPause;

	private final IntConsumer deleted;

	private ScheduledExecutorService executor;

	private volatile boolean failing;

	/**
	 * A cleanup.
	 * @param barrier the barrier whose table is cleaned
	 * @param maxAge rows older than this are deleted (at least one minute)
	 * @param interval how often
	 * @param batchSize the most rows one statement deletes
	 * @param batchPause the pause after each full batch
	 * @param deleted told how many rows each batch deleted
	 */
	public BarrierCleanup(JdbcBarrier barrier, Duration maxAge, Duration interval, int batchSize, Duration batchPause,
			IntConsumer deleted) {
		Assert.isTrue(maxAge.compareTo(Duration.ofMinutes(1)) >= 0, "'maxAge' must be at least one minute");
		Assert.isTrue(!interval.isNegative() && !interval.isZero(), "'interval' must be positive");
		Assert.isTrue(batchSize > 0, "'batchSize' must be positive");
		this.barrier = barrier;
		this.maxAge = maxAge;
		this.interval = interval;
		this.batchSize = batchSize;
		this.batchPause = batchPause;
		this.deleted = deleted;
	}

	/**
	 * Delete every row older than the maximum age now.
	 * @return how many rows were deleted
	 * @throws InterruptedException when the pause between batches is interrupted
	 */
	public int sweep() throws InterruptedException {
		int total = 0;
		while (true) {
			int count = this.barrier.deleteOlderThan(this.maxAge, this.batchSize);
			total += count;
			if (count > 0) {
				this.deleted.accept(count);
			}
			if (count < this.batchSize) {
				return total;
			}
			Thread.sleep(this.batchPause.toMillis());
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "dtm-barrier-cleanup");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::scheduledSweep, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	private void scheduledSweep() {
		try {
			int total = sweep();
			if (total > 0) {
				logger.info("deleted {} barrier row(s) older than {} from {}", total, this.maxAge,
						this.barrier.getTableName());
			}
			this.failing = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("barrier cleanup of {} failed, will try again in {}: {}", this.barrier.getTableName(),
						this.interval, ex.getMessage());
			}
		}
	}

}
