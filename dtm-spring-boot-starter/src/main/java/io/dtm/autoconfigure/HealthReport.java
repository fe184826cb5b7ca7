package io.dtm.autoconfigure;

import io.dtm.core.Diagnosis;
import io.dtm.core.DiagnosticCode;

/**
 * One classified problem as the starter reports it in health details, logs and start-up
 * failure reports: the code, the cause in words, the target it concerns, the action that
 * fixes it, the property to change and a manual check with the actual values filled in.
 *
 * @param code the D-code
 * @param cause the cause, e.g. {@code barrier table missing}
 * @param target what it concerns, phrased to follow the cause, e.g.
 * {@code at 127.0.0.1:3306}
 * @param action what to change
 * @param property the property to change
 * @param manualCheck a command that confirms the cause
 * @param error the underlying error message
 */
record HealthReport(DiagnosticCode code, String cause, String target, String action, String property,
		String manualCheck, String error) {

	/**
	 * A report of a diagnosis classified by dtm-core, with the manual check filled in.
	 * @param diagnosis the diagnosis
	 * @param manualCheck the manual check with actual values
	 * @return the report
	 */
	static HealthReport of(Diagnosis diagnosis, String manualCheck) {
		return new HealthReport(diagnosis.code(), diagnosis.cause().title(), diagnosis.target(), diagnosis.action(),
				diagnosis.property(), manualCheck, diagnosis.error());
	}

	/**
	 * One line for logs and exception messages, e.g. {@code D1001 database connection
	 * failure: barrier table missing: 'dtm_barrier' at 127.0.0.1:3306 — set …}.
	 * @return the line
	 */
	String message() {
		StringBuilder sb = new StringBuilder(this.code.name()).append(' ')
			.append(this.code.title())
			.append(": ")
			.append(this.cause);
		if (this.target != null && !this.target.isEmpty()) {
			sb.append(' ').append(this.target);
		}
		return sb.append(" — ").append(this.action).toString();
	}

}
