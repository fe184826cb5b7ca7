package io.dtm.server.cron;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.IntervalPolicy;
import io.dtm.server.engine.TransWorker;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.TransStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Polls the store on every instance: lease one due transaction (the store pushes its next
 * cron time forward and stamps an owner token atomically), process it, and poll again at
 * once; sleep the configured interval, less a random third, when nothing is due. Stops
 * taking new work on shutdown and waits a bounded time for the pass in progress.
 */
public class TransCron implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(TransCron.class);

	private final TransStore store;

	private final TransWorker worker;

	private final IntervalPolicy intervals;

	private final DtmServerProperties.Cron properties;

	private final Clock clock;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private volatile Function<Throwable, String> failureDescriber = (ex) -> String.valueOf(ex.getMessage());

	private volatile String lastFailure;

	public TransCron(TransStore store, TransWorker worker, IntervalPolicy intervals,
			DtmServerProperties.Cron properties, Clock clock) {
		this.store = store;
		this.worker = worker;
		this.intervals = intervals;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * How a poll failure is described in the log (the diagnostics turn it into a D-code
	 * line). Identical consecutive failures are logged once.
	 * @param failureDescriber the describer
	 */
	public void setFailureDescriber(Function<Throwable, String> failureDescriber) {
		this.failureDescriber = failureDescriber;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		for (int i = 0; i < Math.max(1, this.properties.getWorkers()); i++) {
			Thread thread = new Thread(this::loop, "dtm-cron-" + (i + 1));
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
		logger.info("cron started with {} worker(s), poll interval {}", this.threads.size(),
				this.properties.getInterval());
	}

	/**
	 * Stop polling: no new lease is taken, the pass in progress may finish its branch
	 * calls for up to the shutdown grace period, then the loop threads are interrupted.
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
		long deadline = System.nanoTime() + this.properties.getShutdownGrace().toNanos();
		for (Thread thread : this.threads) {
			try {
				long left = deadline - System.nanoTime();
				if (left > 0) {
					thread.join(Math.max(1, left / 1_000_000));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Thread thread : this.threads) {
			if (thread.isAlive()) {
				logger.warn("{} did not finish its pass within {}; interrupting it", thread.getName(),
						this.properties.getShutdownGrace());
				thread.interrupt();
			}
		}
		this.threads.clear();
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
	 * Lease and process one due transaction.
	 * @return whether one was processed
	 */
	public boolean runOnce() {
		LocalDateTime now = LocalDateTime.now(this.clock).truncatedTo(ChronoUnit.SECONDS);
		Optional<GlobalTrans> leased = this.store.leaseDue(now, this.intervals.lease(), UUID.randomUUID().toString());
		leased.ifPresent(this.worker::process);
		return leased.isPresent();
	}

	private void loop() {
		while (this.running) {
			try {
				boolean processed = runOnce();
				if (this.lastFailure != null) {
					this.lastFailure = null;
					logger.info("cron polling recovered");
				}
				if (!processed) {
					sleep(idleSleep());
				}
			}
			catch (RuntimeException ex) {
				String failure = this.failureDescriber.apply(ex);
				if (!failure.equals(this.lastFailure)) {
					this.lastFailure = failure;
					logger.warn("cron poll failed: {}", failure);
				}
				sleep(this.properties.getInterval());
			}
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
