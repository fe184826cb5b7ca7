package io.dtm.server.registry;

import java.time.Instant;

/**
 * A snapshot of the coordinator's registration, as reported by health and metrics.
 *
 * @param phase where the registration stands
 * @param attempts failed attempts since the last success
 * @param since when the phase was entered
 * @param failure the D1003 condition while {@link Phase#FAILED}, else {@code null}
 * @param warning a D1003 warning that does not stop registration (unreachable instance
 * address), else {@code null}
 * @param lastError the message of the last failed attempt, else {@code null}
 */
public record RegistrationStatus(Phase phase, int attempts, Instant since, RegistrationFailure failure,
		RegistrationFailure warning, String lastError) {

	/**
	 * Where the registration stands.
	 */
	public enum Phase {

		/** Waiting for the HTTP port. */
		STARTING,

		/** Attempts with back-off in progress. */
		REGISTERING,

		/** Registered and verified at the last check. */
		REGISTERED,

		/** Attempts used up: D1003 reported, retrying in the background. */
		FAILED,

		/** Deregistered on shutdown. */
		STOPPED

	}

}
