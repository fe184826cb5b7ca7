package io.dtm.server.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.dtm.server.testsupport.MutableClock;

/**
 * A {@link RegistrationScheduler} driven by the test, with its own clock: a step runs
 * only when the test asks for it, and the clock jumps to the moment the step was due. No
 * thread, no sleep.
 */
class ManualScheduler implements RegistrationScheduler {

	private final List<Scheduled> pending = new ArrayList<>();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private boolean shutDown;

	/**
	 * The clock, moved by {@link #runNext()}.
	 * @return the clock
	 */
	Clock clock() {
		return this.clock;
	}

	@Override
	public synchronized void schedule(Runnable step, Duration delay) {
		if (!this.shutDown) {
			this.pending.add(new Scheduled(step, this.clock.instant().plus(delay)));
		}
	}

	@Override
	public synchronized void shutdown() {
		this.shutDown = true;
		this.pending.clear();
	}

	boolean isShutDown() {
		return this.shutDown;
	}

	/**
	 * How long after now the next step is due.
	 * @return the delay, or {@code null} when nothing is scheduled
	 */
	synchronized Duration nextDelay() {
		return this.pending.stream()
			.min(Comparator.comparing(Scheduled::due))
			.map((next) -> Duration.between(this.clock.instant(), next.due()))
			.orElse(null);
	}

	/**
	 * Move the clock to the next due step and run it.
	 * @return the delay the clock moved by
	 */
	Duration runNext() {
		Scheduled next;
		Duration waited;
		synchronized (this) {
			next = this.pending.stream()
				.min(Comparator.comparing(Scheduled::due))
				.orElseThrow(() -> new IllegalStateException("no step scheduled"));
			this.pending.remove(next);
			waited = Duration.between(this.clock.instant(), next.due());
			this.clock.set(next.due());
		}
		next.step().run();
		return waited;
	}

	/**
	 * Run steps one after the other and answer the delays before each.
	 * @param count how many steps
	 * @return the delays
	 */
	List<Duration> runSteps(int count) {
		List<Duration> delays = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			delays.add(runNext());
		}
		return delays;
	}

	private record Scheduled(Runnable step, Instant due) {

	}

}
