package io.dtm.server.cron;

import java.time.Duration;

import io.dtm.core.TransType;

/**
 * What the cron reports for monitoring: every poll of the store and every transaction it
 * leases. Everything is known from the poll itself: no extra store query.
 */
public interface CronMetrics {

	/** Reports nothing. */
	CronMetrics NONE = new CronMetrics() {
	};

	/**
	 * The cron started polling.
	 */
	default void started() {
	}

	/**
	 * A poll of the store ended.
	 * @param result what it found
	 */
	default void polled(PollResult result) {
	}

	/**
	 * A due transaction was leased: it is still unfinished at this age.
	 * @param type the mode
	 * @param age the time since its creation
	 * @param timeout its timeout, or {@code null} when it has none (a saga without
	 * {@code timeout_to_fail})
	 */
	default void leased(TransType type, Duration age, Duration timeout) {
	}

	/**
	 * The result of one poll.
	 */
	enum PollResult {

		/** A due transaction was leased. */
		LEASED,

		/** Nothing was due. */
		IDLE,

		/** The store could not be asked. */
		FAILED

	}

}
