package io.dtm.server.store;

import java.util.Locale;

/**
 * How an operator's action ended, as the {@link AuditTrail} stores it.
 */
public enum AuditOutcome {

	/** The action was carried out. */
	DONE("done"),

	/** The action was refused (unknown gid, wrong status, invalid input…). */
	REFUSED("refused"),

	/**
	 * The action could not be completed (the store was away…); what it changed, if
	 * anything, is what the store shows.
	 */
	FAILED("failed");

	private final String wireValue;

	AuditOutcome(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * The stored name.
	 * @return the name, such as {@code done}
	 */
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * The outcome with a stored name.
	 * @param value the name, in any case
	 * @return the outcome
	 * @throws IllegalArgumentException when no outcome has that name
	 */
	public static AuditOutcome fromWireValue(String value) {
		for (AuditOutcome outcome : values()) {
			if (value != null && outcome.wireValue.equals(value.toLowerCase(Locale.ROOT))) {
				return outcome;
			}
		}
		throw new IllegalArgumentException("unknown AuditOutcome '" + value + "'");
	}

}
