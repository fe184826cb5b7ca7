package io.dtm.server.registry;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.dtm.server.registry.RegistrationStatus.Phase;

/**
 * Every legal change of the registration's {@link Phase}. Nothing outside this table can
 * happen: {@link RegistrationState} refuses any other pair. A change within the same
 * phase (one more failed attempt) is a transition too, so that listeners see it.
 */
public enum RegistrationTransition {

	/** The HTTP port is known: the first attempt starts. */
	STARTING_TO_REGISTERING(Phase.STARTING, Phase.REGISTERING),
	/** An attempt failed and attempts are left: wait the back-off, then try again. */
	REGISTERING_TO_REGISTERING(Phase.REGISTERING, Phase.REGISTERING),
	/** An attempt succeeded. */
	REGISTERING_TO_REGISTERED(Phase.REGISTERING, Phase.REGISTERED),
	/** The attempts are used up: D1003 is reported, background attempts follow. */
	REGISTERING_TO_FAILED(Phase.REGISTERING, Phase.FAILED),
	/** The check found the connection gone or the instance no longer listed. */
	REGISTERED_TO_REGISTERING(Phase.REGISTERED, Phase.REGISTERING),
	/** A background attempt after D1003 failed. */
	FAILED_TO_FAILED(Phase.FAILED, Phase.FAILED),
	/** A background attempt after D1003 succeeded: D1003 is cleared. */
	FAILED_TO_REGISTERED(Phase.FAILED, Phase.REGISTERED),
	/** Stopped before the HTTP port was known. */
	STARTING_TO_STOPPED(Phase.STARTING, Phase.STOPPED),
	/** Stopped while attempts were running. */
	REGISTERING_TO_STOPPED(Phase.REGISTERING, Phase.STOPPED),
	/** Deregistered on shutdown. */
	REGISTERED_TO_STOPPED(Phase.REGISTERED, Phase.STOPPED),
	/** Stopped while D1003 was raised. */
	FAILED_TO_STOPPED(Phase.FAILED, Phase.STOPPED);

	private static final Map<Phase, Map<Phase, RegistrationTransition>> TABLE = new EnumMap<>(Phase.class);

	static {
		for (RegistrationTransition transition : values()) {
			TABLE.computeIfAbsent(transition.from, (key) -> new EnumMap<>(Phase.class)).put(transition.to, transition);
		}
	}

	private final Phase from;

	private final Phase to;

	RegistrationTransition(Phase from, Phase to) {
		this.from = from;
		this.to = to;
	}

	public Phase from() {
		return this.from;
	}

	public Phase to() {
		return this.to;
	}

	/**
	 * Look up the transition between two phases.
	 * @param from current phase
	 * @param to wanted phase
	 * @return the transition, or empty when the change is illegal
	 */
	public static Optional<RegistrationTransition> between(Phase from, Phase to) {
		return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(to));
	}

}
