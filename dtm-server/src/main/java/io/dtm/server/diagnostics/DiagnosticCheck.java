package io.dtm.server.diagnostics;

import java.util.Optional;

import io.dtm.core.Diagnosis;

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
	 * Run the check.
	 * @return the problem found, or empty when all is well
	 */
	Optional<Diagnosis> run();

}
