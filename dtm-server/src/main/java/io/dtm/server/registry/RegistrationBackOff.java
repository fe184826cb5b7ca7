package io.dtm.server.registry;

import java.time.Duration;

import io.dtm.server.config.DtmServerProperties;

import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;

/**
 * The wait between two registration attempts, as Spring Retry's
 * {@link ExponentialBackOffPolicy} computes it: {@code initial} after the first failed
 * attempt, then multiplied by {@code multiplier} after each further one, never more than
 * {@code max}. The policy is asked for the wait instead of sleeping it, so the
 * registration loop never blocks its thread and tests need no clock of their own.
 *
 * @param initial wait after the first failed attempt
 * @param multiplier factor applied after each further failed attempt (below 1 counts as
 * 1)
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
		long[] asked = new long[1];
		ExponentialBackOffPolicy policy = new ExponentialBackOffPolicy();
		policy.setInitialInterval(this.initial.toMillis());
		policy.setMultiplier(Math.max(1.0, this.multiplier));
		policy.setMaxInterval(this.max.toMillis());
		policy.setSleeper((millis) -> asked[0] = millis);
		BackOffContext context = policy.start(null);
		for (int i = 0; i < Math.max(1, failedAttempts); i++) {
			policy.backOff(context);
		}
		return Duration.ofMillis(asked[0]);
	}

}
