package io.dtm.server.registry;

/**
 * Told about every change of the registration state, on the thread that made it.
 */
@FunctionalInterface
public interface RegistrationListener {

	/**
	 * A transition happened.
	 * @param transition the transition from the table
	 * @param status the state after it
	 */
	void onTransition(RegistrationTransition transition, RegistrationStatus status);

}
