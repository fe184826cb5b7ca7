package io.dtm.server.diagnostics;

/**
 * A fact about the coordinator's set-up that {@code /actuator/dtm} reports next to its
 * checks, such as whether the console is served and why not.
 */
public interface DiagnosticFact {

	/**
	 * The key it appears under in {@code /actuator/dtm}.
	 * @return for example {@code console}
	 */
	String name();

	/**
	 * The fact, written as JSON.
	 * @return the value
	 */
	Object value();

}
