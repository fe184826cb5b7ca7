package io.dtm.server.engine;

/**
 * Delivers {@link RetryAlert}s (the alert webhook). Called on the thread of a processing
 * pass: an implementation must return at once and do any slow work elsewhere.
 */
@FunctionalInterface
public interface AlertSender {

	/** Delivers nothing. */
	AlertSender NONE = (alert) -> {
	};

	/**
	 * Hand an alert over for delivery without waiting for it.
	 * @param alert the alert
	 */
	void send(RetryAlert alert);

}
