package io.dtm.core;

/**
 * One classified problem: the cause (and so the code and the action), the specific target
 * it concerns (an address, a user, a path) and the property that configures that target.
 *
 * @param cause the cause
 * @param target what the problem concerns, phrased to follow the cause title, e.g.
 * {@code for user 'dtm' at 127.0.0.1:3306}
 * @param property the property to fix (defaults to the cause's)
 * @param error the underlying error message, for the record
 */
public record Diagnosis(DiagnosticCause cause, String target, String property, String error) {

	public Diagnosis {
		if (property == null) {
			property = cause.property();
		}
	}

	public DiagnosticCode code() {
		return this.cause.code();
	}

	/**
	 * The action with the property named.
	 * @return the action text
	 */
	public String action() {
		return (this.property != null && !this.cause.action().contains(this.property))
				? this.cause.action() + " (" + this.property + ")" : this.cause.action();
	}

	/**
	 * One line for logs and reports, e.g.
	 * {@code D1001 database connection failure: authentication
	 * failed for user 'dtm' at 127.0.0.1:3306 — check spring.datasource.username and
	 * spring.datasource.password}.
	 * @return the line
	 */
	public String message() {
		StringBuilder sb = new StringBuilder(code().name()).append(' ').append(code().title()).append(": ");
		sb.append(this.cause.title());
		if (this.target != null && !this.target.isEmpty()) {
			sb.append(' ').append(this.target);
		}
		return sb.append(" — ").append(action()).toString();
	}

}
