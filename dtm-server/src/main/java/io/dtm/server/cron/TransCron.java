package io.dtm.server.cron;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.Schedule;
import io.dtm.server.engine.StoreFailureReporter;
import io.dtm.server.engine.TransWorker;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.TransStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Polls the store on every instance. One poller leases due transactions one after the
 * other (the store pushes each one's next cron time forward and stamps an owner token
 * atomically) and hands each to a pass on its own thread, up to
 * {@code dtm.server.cron.workers} passes at once, so a backlog left by a crash or an
 * outage is worked off in parallel while a slow branch holds only its own pass. When
 * nothing is due the poller sleeps the configured interval, less a random third. On
 * shutdown it stops leasing and waits a bounded time for the passes in progress.
 */
public class TransCron implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(TransCron.class);

	private final TransStore store;

	private final TransWorker worker;

	private final Schedule schedule;

	private final DtmServerProperties.Cron properties;

	private volatile StoreFailureReporter storeFailures = StoreFailureReporter.NONE;

	private volatile CronMetrics metrics = CronMetrics.NONE;

	private volatile Supplier<String> leaseOwners = () -> UUID.randomUUID().toString();

	private volatile boolean running;

	private Thread poller;

	private ExecutorService passes;

	private Semaphore slots;

	private volatile String lastFailure;

	public TransCron(TransStore store, TransWorker worker, Schedule schedule, DtmServerProperties.Cron properties) {
		this.store = store;
		this.worker = worker;
		this.schedule = schedule;
		this.properties = properties;
	}

	/**
	 * How store failures of a poll are recognised and logged (once per occurrence, with
	 * the D-code). Other failures are logged once while they repeat identically.
	 * @param storeFailures the reporter
	 */
	public void setStoreFailureReporter(StoreFailureReporter storeFailures) {
		this.storeFailures = storeFailures;
	}

	/**
	 * Where polls and leases are reported for monitoring.
	 * @param metrics the metrics
	 */
	public void setMetrics(CronMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Where the owner token of each lease comes from; by default a random UUID. The
	 * coordinator stamps its instance id in front, so a lease can be traced to the
	 * instance holding it.
	 * @param leaseOwners a source of fresh tokens
	 */
	public void setLeaseOwners(Supplier<String> leaseOwners) {
		this.leaseOwners = leaseOwners;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		int workers = Math.max(1, this.properties.getWorkers());
		this.slots = new Semaphore(workers);
		this.passes = Executors.newFixedThreadPool(workers, threads("dtm-cron-pass-"));
		this.metrics.started();
		this.poller = new Thread(this::loop, "dtm-cron");
		this.poller.setDaemon(true);
		this.poller.start();
		logger.info("cron started: up to {} pass(es) at once, poll interval {}", workers,
				this.properties.getInterval());
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Stop polling: no new lease is taken, the passes in progress may finish their branch
	 * calls for up to the shutdown grace period, then they are interrupted.
	 */
	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		Duration grace = this.properties.getShutdownGrace();
		long deadline = System.nanoTime() + grace.toNanos();
		try {
			this.poller.join(Math.max(1, grace.toMillis()));
			this.passes.shutdown();
			long left = deadline - System.nanoTime();
			if (left <= 0 || !this.passes.awaitTermination(left, TimeUnit.NANOSECONDS)) {
				logger.warn("cron passes did not finish within {}; interrupting them", grace);
				this.passes.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.passes.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	/**
	 * Lease one due transaction and process it on the calling thread.
	 * @return whether one was processed
	 */
	public boolean runOnce() {
		Optional<GlobalTrans> leased = lease();
		if (leased.isEmpty()) {
			this.metrics.polled(CronMetrics.PollResult.IDLE);
			return false;
		}
		reportLease(leased.get());
		this.worker.process(leased.get());
		return true;
	}

	private Optional<GlobalTrans> lease() {
		return this.store.leaseDue(this.schedule.now(), this.schedule.lease(), this.leaseOwners.get());
	}

	private void loop() {
		while (this.running) {
			if (!acquireSlot()) {
				continue;
			}
			boolean dispatched = false;
			try {
				Optional<GlobalTrans> leased = lease();
				recovered();
				if (leased.isPresent()) {
					GlobalTrans trans = leased.get();
					this.passes.execute(() -> runPass(trans));
					dispatched = true;
					reportLease(trans);
				}
				else {
					this.metrics.polled(CronMetrics.PollResult.IDLE);
					sleep(idleSleep());
				}
			}
			catch (RuntimeException ex) {
				this.metrics.polled(CronMetrics.PollResult.FAILED);
				pollFailed(ex);
				sleep(this.properties.getInterval());
			}
			finally {
				if (!dispatched) {
					this.slots.release();
				}
			}
		}
	}

	private void reportLease(GlobalTrans trans) {
		this.metrics.polled(CronMetrics.PollResult.LEASED);
		LocalDateTime created = trans.createTime();
		if (created != null) {
			Duration age = Duration.between(created, this.schedule.now());
			this.metrics.leased(trans.transType(), age.isNegative() ? Duration.ZERO : age,
					this.schedule.timeout(trans));
		}
	}

	private boolean acquireSlot() {
		try {
			return this.slots.tryAcquire(100, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
			return false;
		}
	}

	private void runPass(GlobalTrans trans) {
		try {
			this.worker.process(trans);
		}
		catch (RuntimeException ex) {
			logger.error("pass of gid={} failed", trans.gid(), ex);
		}
		finally {
			this.slots.release();
		}
	}

	private void recovered() {
		if (this.lastFailure != null) {
			this.lastFailure = null;
			logger.info("cron polling recovered");
		}
		this.storeFailures.recovered();
	}

	private void pollFailed(RuntimeException ex) {
		if (this.storeFailures.report(ex)) {
			this.lastFailure = "store";
			return;
		}
		String failure = String.valueOf(ex.getMessage());
		if (!failure.equals(this.lastFailure)) {
			this.lastFailure = failure;
			logger.warn("cron poll failed: {}", failure);
		}
	}

	private Duration idleSleep() {
		long millis = this.properties.getInterval().toMillis();
		return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 3 + 1));
	}

	private void sleep(Duration duration) {
		try {
			long until = System.nanoTime() + duration.toNanos();
			while (this.running && System.nanoTime() < until) {
				Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
