package io.dtm.server.config;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Lets processing passes started by API requests (not by the cron) finish their branch
 * calls on a graceful stop: the executor takes no new passes (they are left to the cron
 * of this or another instance) and shutdown waits up to the grace period before the store
 * closes. Stops in the same phase as the cron.
 */
public class ProcessingDrain implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ProcessingDrain.class);

	private final ExecutorService executor;

	private final Duration grace;

	private volatile boolean running;

	public ProcessingDrain(ExecutorService executor, Duration grace) {
		this.executor = executor;
		this.grace = grace;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(this.grace.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("processing passes still running after {}; the cron finishes them later", this.grace);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
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

}
