package io.dtm.server.registry;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration steps on one daemon thread, {@code dtm-registry}.
 */
class ExecutorRegistrationScheduler implements RegistrationScheduler {

	/**
	 * Under the registrar's category, as before the registrar was split, so log filters
	 * keep working.
	 */
	private static final Logger logger = LoggerFactory.getLogger(NacosRegistrar.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "dtm-registry");
		thread.setDaemon(true);
		return thread;
	});

	@Override
	public void schedule(Runnable step, Duration delay) {
		try {
			this.executor.schedule(step, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shut down meanwhile
		}
	}

	@Override
	public void shutdown() {
		this.executor.shutdownNow();
		try {
			if (!this.executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("registration thread did not stop within 5 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
