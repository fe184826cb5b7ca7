package io.dtm.server.engine;

import java.time.Duration;
import java.time.LocalDateTime;

import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.GlobalTrans;

/**
 * dtm's timing rules: the base retry interval of a transaction, its back-off, and its
 * timeout.
 */
public class IntervalPolicy {

	private final DtmServerProperties properties;

	public IntervalPolicy(DtmServerProperties properties) {
		this.properties = properties;
	}

	/**
	 * Base interval in seconds: the transaction's retry_interval; else its
	 * timeout_to_fail when that is shorter than the global retry interval; else the
	 * global retry interval.
	 * @param options the transaction's options
	 * @return seconds, at least 1
	 */
	public long baseIntervalSeconds(TransOptions options) {
		long global = this.properties.getRetryInterval().toSeconds();
		if (options.retryInterval() > 0) {
			return options.retryInterval();
		}
		if (options.timeoutToFail() > 0 && options.timeoutToFail() < global) {
			return options.timeoutToFail();
		}
		return Math.max(1, global);
	}

	/**
	 * Timeout of a transaction: its own timeout_to_fail, or the global default for every
	 * mode but saga.
	 * @param trans the transaction
	 * @return the timeout, or {@code null} when it never times out
	 */
	public Duration timeout(GlobalTrans trans) {
		if (trans.options().timeoutToFail() > 0) {
			return Duration.ofSeconds(trans.options().timeoutToFail());
		}
		return (trans.transType() != TransType.SAGA) ? this.properties.getTimeoutToFail() : null;
	}

	/**
	 * Whether the transaction has timed out.
	 * @param trans the transaction
	 * @param now the current time
	 * @return {@code true} once its timeout has elapsed since creation
	 */
	public boolean isTimedOut(GlobalTrans trans, LocalDateTime now) {
		Duration timeout = timeout(trans);
		return timeout != null && !now.isBefore(trans.createTime().plus(timeout));
	}

	/**
	 * Branch call timeout of a transaction.
	 * @param options its options
	 * @return the timeout
	 */
	public Duration requestTimeout(TransOptions options) {
		return (options.requestTimeout() > 0) ? Duration.ofSeconds(options.requestTimeout())
				: this.properties.getRequestTimeout();
	}

	/**
	 * Length of the lease the cron takes on a due transaction.
	 * @return the lease
	 */
	public Duration lease() {
		return this.properties.getRetryInterval();
	}

}
