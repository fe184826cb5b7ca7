package io.dtm.server.store;

import java.util.Locale;

/**
 * What an operator did, as the {@link AuditTrail} stores it.
 */
public enum AuditAction {

	/** Made an unfinished transaction due now (its next cron time reset). */
	RETRY_NOW("retry_now"),

	/**
	 * Stopped a transaction by force: it ends {@code failed} without calling branches.
	 */
	FORCE_STOP("force_stop"),

	/** Added a subscriber to a msg topic. */
	TOPIC_SUBSCRIBE("topic_subscribe"),

	/** Removed a subscriber from a msg topic. */
	TOPIC_UNSUBSCRIBE("topic_unsubscribe"),

	/** Deleted a msg topic. */
	TOPIC_DELETE("topic_delete");

	private final String wireValue;

	AuditAction(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * The stored name.
	 * @return the name, such as {@code force_stop}
	 */
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * The action with a stored name.
	 * @param value the name, in any case
	 * @return the action
	 * @throws IllegalArgumentException when no action has that name
	 */
	public static AuditAction fromWireValue(String value) {
		for (AuditAction action : values()) {
			if (value != null && action.wireValue.equals(value.toLowerCase(Locale.ROOT))) {
				return action;
			}
		}
		throw new IllegalArgumentException("unknown AuditAction '" + value + "'");
	}

}
