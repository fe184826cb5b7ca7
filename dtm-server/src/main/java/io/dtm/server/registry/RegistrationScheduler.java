package io.dtm.server.registry;

import java.time.Duration;

/**
 * Runs the steps of the registration loop one after the other, each after a delay.
 */
public interface RegistrationScheduler {

	/**
	 * Run a step after a delay.
	 * @param step the step
	 * @param delay the delay, may be zero
	 */
	void schedule(Runnable step, Duration delay);

	/**
	 * Drop the steps not yet started, interrupt a running one and wait a short while for
	 * it to end. Nothing runs afterwards.
	 */
	void shutdown();

}
