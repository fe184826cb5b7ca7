package io.dtm.server.registry;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtm.server.registry.RegistrationStatus.Phase;

/**
 * The registration state and the one place where it changes: {@link #transition} checks
 * the {@link RegistrationTransition} table, stamps when the phase was entered and tells
 * the listeners (metrics, events). Readers (health, metrics, diagnostics) see an
 * immutable {@link RegistrationStatus} snapshot.
 */
public class RegistrationState {

	private final Clock clock;

	private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();

	private volatile RegistrationStatus status;

	/**
	 * Create a state in {@link Phase#STARTING}.
	 * @param clock clock for the reported timestamps
	 */
	public RegistrationState(Clock clock) {
		this.clock = clock;
		this.status = new RegistrationStatus(Phase.STARTING, 0, clock.instant(), null, null, null);
	}

	/**
	 * The current state.
	 * @return the snapshot
	 */
	public RegistrationStatus current() {
		return this.status;
	}

	/**
	 * Tell a listener about every later transition.
	 * @param listener the listener
	 */
	public void addListener(RegistrationListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Move to a phase, keeping the current warning.
	 * @param to the new phase
	 * @param attempts failed attempts since the last success
	 * @param failure the D1003 condition, {@code null} unless {@link Phase#FAILED}
	 * @param lastError message of the last failed attempt, or {@code null}
	 * @return the new state
	 * @throws IllegalStateException when the change is not in the table
	 */
	public RegistrationStatus transition(Phase to, int attempts, RegistrationFailure failure, String lastError) {
		return transition(to, attempts, failure, lastError, this.status.warning());
	}

	/**
	 * Move to a phase.
	 * @param to the new phase
	 * @param attempts failed attempts since the last success
	 * @param failure the D1003 condition, {@code null} unless {@link Phase#FAILED}
	 * @param lastError message of the last failed attempt, or {@code null}
	 * @param warning a D1003 warning that does not stop registration, or {@code null}
	 * @return the new state
	 * @throws IllegalStateException when the change is not in the table
	 */
	public synchronized RegistrationStatus transition(Phase to, int attempts, RegistrationFailure failure,
			String lastError, RegistrationFailure warning) {
		RegistrationStatus current = this.status;
		RegistrationTransition transition = RegistrationTransition.between(current.phase(), to)
			.orElseThrow(() -> new IllegalStateException(
					"illegal registration transition from " + current.phase() + " to " + to));
		boolean samePhase = current.phase() == to;
		RegistrationStatus next = new RegistrationStatus(to, attempts,
				samePhase ? current.since() : this.clock.instant(), failure, warning, lastError);
		this.status = next;
		for (RegistrationListener listener : this.listeners) {
			listener.onTransition(transition, next);
		}
		return next;
	}

}
