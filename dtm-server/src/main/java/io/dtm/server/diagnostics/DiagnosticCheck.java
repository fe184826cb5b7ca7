package io.dtm.server.diagnostics;

import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;

/**
 * One programmatic check behind a D-code (the equivalent of {@code telnet host port},
 * {@code redis-cli ping} or {@code ls -ld path}).
 */
public interface DiagnosticCheck {

	/**
	 * Short name, e.g. {@code store} or {@code data-dir}.
	 * @return the name
	 */
	String name();

	/**
	 * Run the check. It may block (a store that accepts connections and never answers);
	 * callers run it through a {@link DiagnosticRunner}, which bounds the wait.
	 * @return the problem found, or empty when all is well
	 */
	Optional<Diagnosis> run();

	/**
	 * The problem to report when {@link #run()} has not answered in time: the check's own
	 * D-code with its timeout cause.
	 * @param error what happened, e.g. {@code timed out after 2s}
	 * @return the diagnosis
	 */
	Diagnosis timedOut(String error);

}
