package io.dtm.server.engine;

import java.time.Duration;

/**
 * How the engine waits inside a pass (between in-pass retries of a saga action). Tests
 * replace it with one that moves a fixed clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

	/** Sleeps on the calling thread. */
	Sleeper THREAD = (duration) -> Thread.sleep(duration.toMillis());

	/**
	 * Wait for the given time.
	 * @param duration how long
	 * @throws InterruptedException when the thread is interrupted (shutdown)
	 */
	void sleep(Duration duration) throws InterruptedException;

}
