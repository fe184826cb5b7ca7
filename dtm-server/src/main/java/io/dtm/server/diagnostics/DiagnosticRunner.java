package io.dtm.server.diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.core.diagnostics.Diagnosis;

import org.springframework.beans.factory.DisposableBean;

/**
 * Runs diagnostic checks with a bounded wait, so health and {@code /actuator/dtm} answer
 * in time whatever the store does. Each check runs on a small pool of its own daemon
 * threads; a caller waits at most {@code dtm.server.diagnostics.check-timeout} and then
 * gets the check's time-out diagnosis (DOWN with its D-code). A check that is still
 * running is not started again: later callers wait for the same run, so a store that
 * never answers holds one thread per check, however often health is called.
 */
public class DiagnosticRunner implements DisposableBean {

	/**
	 * Most threads of the pool: more than there are checks, fewer than a pile-up. Idle
	 * threads are reused and end after 30 s.
	 */
	static final int THREADS = 4;

	private final Map<String, CompletableFuture<Optional<Diagnosis>>> running = new ConcurrentHashMap<>();

	private final ThreadPoolExecutor executor;

	private final Duration timeout;

	private final DiagnosticReporter reporter;

	public DiagnosticRunner(Duration timeout, DiagnosticReporter reporter) {
		this.timeout = timeout;
		this.reporter = reporter;
		this.executor = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				new DaemonThreads());
	}

	/**
	 * Run one check, waiting at most the check timeout.
	 * @param check the check
	 * @return the problem found (its time-out diagnosis when it did not answer in time),
	 * or empty when all is well
	 */
	public Optional<Diagnosis> run(DiagnosticCheck check) {
		return runAll(List.of(check)).get(0);
	}

	/**
	 * Run several checks at once, waiting at most the check timeout for all of them
	 * together.
	 * @param checks the checks
	 * @return their results, in the same order
	 */
	public List<Optional<Diagnosis>> runAll(List<DiagnosticCheck> checks) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<CompletableFuture<Optional<Diagnosis>>> runs = new ArrayList<>();
		for (DiagnosticCheck check : checks) {
			runs.add(start(check));
		}
		List<Optional<Diagnosis>> results = new ArrayList<>();
		for (int i = 0; i < checks.size(); i++) {
			results.add(await(checks.get(i), runs.get(i), deadline));
		}
		return results;
	}

	private CompletableFuture<Optional<Diagnosis>> start(DiagnosticCheck check) {
		while (true) {
			CompletableFuture<Optional<Diagnosis>> current = this.running.get(check.name());
			if (current != null && !current.isDone()) {
				return current;
			}
			CompletableFuture<Optional<Diagnosis>> next = new CompletableFuture<>();
			boolean installed = (current != null) ? this.running.replace(check.name(), current, next)
					: this.running.putIfAbsent(check.name(), next) == null;
			if (installed) {
				submit(check, next);
				return next;
			}
		}
	}

	private void submit(DiagnosticCheck check, CompletableFuture<Optional<Diagnosis>> run) {
		try {
			this.executor.execute(() -> {
				try {
					Optional<Diagnosis> result = check.run();
					this.reporter.report(check.name(), result);
					run.complete(result);
				}
				catch (Throwable ex) {
					run.completeExceptionally(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			run.completeExceptionally(ex);
		}
	}

	private Optional<Diagnosis> await(DiagnosticCheck check, CompletableFuture<Optional<Diagnosis>> run,
			long deadline) {
		try {
			return run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return timedOut(check, "timed out after " + format(this.timeout));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return timedOut(check, "interrupted while waiting for the check");
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof RejectedExecutionException) {
				return timedOut(check, "not run: every diagnostics thread is busy with checks that did not answer");
			}
			return timedOut(check, "the check failed: " + cause);
		}
	}

	private Optional<Diagnosis> timedOut(DiagnosticCheck check, String error) {
		Diagnosis diagnosis = check.timedOut(error);
		this.reporter.reportTimeout(check.name(), diagnosis);
		return Optional.of(diagnosis);
	}

	/**
	 * A duration as configured: {@code 2s}, {@code 1500ms}.
	 * @param duration the duration
	 * @return the text
	 */
	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private static final class DaemonThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "dtm-diagnostics-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
