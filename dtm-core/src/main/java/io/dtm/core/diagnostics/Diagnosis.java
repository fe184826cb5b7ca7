package io.dtm.core.diagnostics;

import java.util.Map;
import java.util.Objects;

/**
 * One classified problem: the catalogue's cause (and so the code), the specific target it
 * concerns (an address, a user, a path), the property that configures that target, the
 * cause's action and manual check with the known values filled in, and the underlying
 * error. Build one with {@link #Diagnosis(DiagnosticCause, String, String, String)} and
 * refine it with {@link #withReason}, {@link #filledIn} and {@link #withManualCheck}; the
 * texts always come from the {@link DiagnosticCause} catalogue.
 *
 * @param cause the cause
 * @param reason what qualifies the cause, e.g. {@code connection refused} for
 * "coordinator unreachable", or {@code null}
 * @param target what the problem concerns, phrased to follow the cause, e.g.
 * {@code for user 'dtm' at 127.0.0.1:3306}; may be empty
 * @param property the property to fix ({@code null} for the cause's)
 * @param action the cause's action with placeholders filled in ({@code null} for the
 * cause's); names the property when its text does not
 * @param manualCheck the cause's manual check with placeholders filled in ({@code null}
 * for the cause's)
 * @param error the underlying error message, for the record; may be empty
 */
public record Diagnosis(DiagnosticCause cause, String reason, String target, String property, String action,
		String manualCheck, String error) {

	public Diagnosis {
		Objects.requireNonNull(cause, "cause");
		target = (target != null) ? target : "";
		property = (property != null) ? property : cause.property();
		action = nameProperty((action != null) ? action : cause.action(), property);
		manualCheck = (manualCheck != null) ? manualCheck : cause.check();
		error = (error != null) ? error : "";
	}

	/**
	 * A diagnosis with the catalogue's action and manual check.
	 * @param cause the cause
	 * @param target what the problem concerns, may be empty
	 * @param property the property to fix, {@code null} for the cause's
	 * @param error the underlying error message
	 */
	public Diagnosis(DiagnosticCause cause, String target, String property, String error) {
		this(cause, null, target, property, null, null, error);
	}

	public DiagnosticCode code() {
		return this.cause.code();
	}

	/**
	 * The cause in words as reported: the title, followed by the reason when there is
	 * one, e.g. {@code coordinator unreachable: connection refused}.
	 * @return the text
	 */
	public String causeText() {
		return (this.reason == null || this.reason.isEmpty()) ? this.cause.title()
				: this.cause.title() + ": " + this.reason;
	}

	/**
	 * One line for logs, reports and API answers, e.g.
	 * {@code D1001 database connection failure: authentication
	 * failed for user 'dtm' at 127.0.0.1:3306 — check spring.datasource.username and
	 * spring.datasource.password}.
	 * @return the line
	 */
	public String message() {
		StringBuilder sb = new StringBuilder(code().name()).append(' ').append(code().title()).append(": ");
		sb.append(causeText());
		if (!this.target.isEmpty()) {
			sb.append(' ').append(this.target);
		}
		return sb.append(" — ").append(this.action).toString();
	}

	/**
	 * {@link #message()} followed by the underlying error, for exception messages and log
	 * lines outside a named check.
	 * @return the line
	 */
	public String messageWithError() {
		return this.error.isEmpty() ? message() : message() + " [error: " + this.error + "]";
	}

	/**
	 * The log line of a named check: {@link #message()}, the check and the underlying
	 * error.
	 * @param check the check name, e.g. {@code store}
	 * @return the line
	 */
	public String logLine(String check) {
		return message() + " [check=" + check + "; error: " + this.error + "]";
	}

	/**
	 * This diagnosis with a reason that qualifies the cause.
	 * @param reason the reason, e.g. {@code connection refused}
	 * @return the diagnosis
	 */
	public Diagnosis withReason(String reason) {
		return new Diagnosis(this.cause, reason, this.target, this.property, this.action, this.manualCheck, this.error);
	}

	/**
	 * This diagnosis with placeholders of its action and manual check filled in.
	 * @param values the values by placeholder name, e.g. {@code host} for {@code <host>}
	 * @return the diagnosis
	 */
	public Diagnosis filledIn(Map<String, String> values) {
		return new Diagnosis(this.cause, this.reason, this.target, this.property,
				Placeholders.fill(this.action, values), Placeholders.fill(this.manualCheck, values), this.error);
	}

	/**
	 * This diagnosis with a manual check adapted to the target (say, the PostgreSQL
	 * client instead of the MySQL one).
	 * @param manualCheck the check
	 * @return the diagnosis
	 */
	public Diagnosis withManualCheck(String manualCheck) {
		return new Diagnosis(this.cause, this.reason, this.target, this.property, this.action, manualCheck, this.error);
	}

	private static String nameProperty(String action, String property) {
		if (property == null) {
			return action;
		}
		String filled = action.replace("<property>", property);
		return filled.contains(property) ? filled : filled + " (" + property + ")";
	}

}
