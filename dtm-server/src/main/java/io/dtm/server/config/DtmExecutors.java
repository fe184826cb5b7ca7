package io.dtm.server.config;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

/**
 * Executors for blocking branch calls: virtual threads when the JVM offers them (21+),
 * bounded platform-thread pools otherwise; and the daemon schedulers of periodic jobs.
 */
public final class DtmExecutors {

	private DtmExecutors() {
	}

	/**
	 * Whether this JVM has virtual threads.
	 * @return {@code true} on Java 21 and later
	 */
	public static boolean virtualThreadsAvailable() {
		return virtualFactory() != null;
	}

	/**
	 * An executor for blocking work.
	 * @param name thread name prefix
	 * @param maxThreads platform-thread bound (ignored with virtual threads)
	 * @param queueCapacity queued tasks beyond which work is rejected
	 * @return the executor
	 */
	public static ExecutorService blocking(String name, int maxThreads, int queueCapacity) {
		Method factory = virtualFactory();
		if (factory != null) {
			try {
				return (ExecutorService) factory.invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				// fall back to platform threads
			}
		}
		ThreadPoolExecutor executor = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(queueCapacity), named(name));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * A single daemon thread for a periodic background job (heartbeat, retention,
	 * sampling), so a job never keeps the JVM alive.
	 * @param threadName the thread's name
	 * @return the scheduler
	 */
	public static ScheduledExecutorService periodic(String threadName) {
		return Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Stop a periodic job: interrupt it and wait up to five seconds for the run in
	 * progress to end.
	 * @param scheduler the job's scheduler
	 */
	public static void stopPeriodic(ScheduledExecutorService scheduler) {
		scheduler.shutdownNow();
		try {
			scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * An executor whose tasks run in the observation that was current where they were
	 * submitted (and so, with tracing, in its span): a pass started by an API request is
	 * a child of the request's span, a branch call one of its pass's. Nothing else of the
	 * submitting thread is carried over.
	 * @param executor the executor to wrap
	 * @return the wrapping executor; shutting it down shuts the wrapped one down
	 */
	public static ExecutorService propagatingObservations(ExecutorService executor) {
		return ContextExecutorService.wrap(executor,
				ContextSnapshotFactory.builder()
					.captureKeyPredicate(ObservationThreadLocalAccessor.KEY::equals)
					.build());
	}

	private static Method virtualFactory() {
		try {
			return java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	private static ThreadFactory named(String name) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
