package io.dtm.samples.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one operation from N client threads for a fixed time and records every latency.
 */
public final class LoadRunner {

	private LoadRunner() {
	}

	/**
	 * One operation; returns whether it succeeded.
	 */
	@FunctionalInterface
	public interface Operation {

		/**
		 * Run once.
		 * @param client the client thread index
		 * @param sequence a sequence number unique across clients
		 * @return whether it succeeded
		 * @throws Exception on failure (counted as an error)
		 */
		boolean run(int client, long sequence) throws Exception;

	}

	/**
	 * Run the operation.
	 * @param concurrency client threads
	 * @param duration how long
	 * @param operation the operation
	 * @return the result
	 */
	public static LoadResult run(int concurrency, Duration duration, Operation operation) {
		return run(concurrency, duration, 0, operation);
	}

	/**
	 * Run the operation, optionally paced to a total rate (each client keeps its share of
	 * the schedule, so latency is measured at a known load rather than at saturation).
	 * @param concurrency client threads
	 * @param duration how long
	 * @param targetPerSecond total operations per second, or 0 for as fast as possible
	 * @param operation the operation
	 * @return the result
	 */
	public static LoadResult run(int concurrency, Duration duration, double targetPerSecond, Operation operation) {
		long intervalNanos = (targetPerSecond > 0) ? (long) (1e9 * concurrency / targetPerSecond) : 0;
		AtomicLong sequence = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		List<long[]> perThread = new ArrayList<>();
		int[] counts = new int[concurrency];
		String[] firstError = new String[1];
		List<Thread> threads = new ArrayList<>();
		long deadline = System.nanoTime() + duration.toNanos();
		long started = System.nanoTime();
		for (int i = 0; i < concurrency; i++) {
			long[] latencies = new long[1 << 18];
			perThread.add(latencies);
			int client = i;
			Thread thread = new Thread(() -> {
				long next = System.nanoTime() + ((intervalNanos > 0) ? intervalNanos * client / concurrency : 0);
				while (System.nanoTime() < deadline) {
					if (intervalNanos > 0) {
						long wait = next - System.nanoTime();
						if (wait > 0) {
							java.util.concurrent.locks.LockSupport.parkNanos(wait);
						}
						next += intervalNanos;
					}
					long t0 = System.nanoTime();
					boolean ok;
					try {
						ok = operation.run(client, sequence.incrementAndGet());
					}
					catch (Exception ex) {
						ok = false;
						synchronized (firstError) {
							if (firstError[0] == null) {
								firstError[0] = ex.toString();
							}
						}
					}
					long elapsed = System.nanoTime() - t0;
					if (!ok) {
						errors.incrementAndGet();
					}
					else if (counts[client] < latencies.length) {
						latencies[counts[client]++] = elapsed;
					}
				}
			}, "bench-client-" + i);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		long elapsed = System.nanoTime() - started;
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int offset = 0;
		for (int i = 0; i < concurrency; i++) {
			System.arraycopy(perThread.get(i), 0, all, offset, counts[i]);
			offset += counts[i];
		}
		Arrays.sort(all);
		return new LoadResult(total, errors.get(), Duration.ofNanos(elapsed), all, firstError[0]);
	}

	/**
	 * What one run achieved.
	 *
	 * @param completed successful operations
	 * @param errors failed operations
	 * @param elapsed wall time
	 * @param sortedLatenciesNanos latencies of the successful operations, sorted
	 * @param firstError the first exception seen, or {@code null}
	 */
	public record LoadResult(long completed, long errors, Duration elapsed, long[] sortedLatenciesNanos,
			String firstError) {

		public double perSecond() {
			return this.completed / (this.elapsed.toNanos() / 1e9);
		}

		/**
		 * A latency percentile.
		 * @param percentile 0–100
		 * @return milliseconds
		 */
		public double percentileMillis(double percentile) {
			if (this.sortedLatenciesNanos.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percentile / 100.0 * this.sortedLatenciesNanos.length) - 1;
			return this.sortedLatenciesNanos[Math.max(0, Math.min(index, this.sortedLatenciesNanos.length - 1))] / 1e6;
		}

	}

}
