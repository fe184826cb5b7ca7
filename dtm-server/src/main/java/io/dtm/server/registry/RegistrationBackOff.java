package io.dtm.server.registry;

import java.time.Duration;

import io.dtm.server.config.DtmServerProperties;

/**
 * The wait between two registration attempts: {@code initial} after the first failed
 * attempt, then multiplied by {@code multiplier} after each further one (whole
 * milliseconds), never more than {@code max}.
 *
 * @param initial wait after the first failed attempt
 * @param multiplier factor applied after each further failed attempt, at least 1
 * @param max upper bound of one wait
 */
public record RegistrationBackOff(Duration initial, double multiplier, Duration max) {

	/**
	 * The back-off of {@code dtm.server.registry.*}.
	 * @param settings the settings
	 * @return the back-off
	 */
	public static RegistrationBackOff of(DtmServerProperties.Registry settings) {
		return new RegistrationBackOff(settings.getInitialInterval(), settings.getMultiplier(),
				settings.getMaxInterval());
	}

	/**
	 * The wait after a failed attempt.
	 * @param failedAttempts failed attempts so far, at least 1
	 * @return the wait before the next attempt
	 */
	public Duration after(int failedAttempts) {
		long max = this.max.toMillis();
		long wait = this.initial.toMillis();
		for (int i = 1; i < failedAttempts && wait < max; i++) {
			wait = (long) (wait * Math.max(1.0, this.multiplier));
		}
		return Duration.ofMillis(Math.min(wait, max));
	}

}
