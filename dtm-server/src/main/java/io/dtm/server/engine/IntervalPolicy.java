package io.dtm.server.engine;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.GlobalTrans;

/**
 * dtm's timing rules: the base retry interval of a transaction, its back-off, its
 * timeout, the in-pass retry delays. Every value read from a transaction is clamped to
 * the configured limits, so no stored value, however large, makes a time computation
 * overflow.
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
	 * @return seconds, at least 1 and at most the maximum timeout
	 */
	public long baseIntervalSeconds(TransOptions options) {
		long global = this.properties.getRetryInterval().toSeconds();
		long base;
		if (options.retryInterval() > 0) {
			base = options.retryInterval();
		}
		else if (options.timeoutToFail() > 0 && options.timeoutToFail() < global) {
			base = options.timeoutToFail();
		}
		else {
			base = global;
		}
		return Math.max(1, Math.min(base, maxTimeoutSeconds()));
	}

	/**
	 * The interval after a pass whose branches failed or errored: twice the current one,
	 * at most the maximum retry interval (or the transaction's own base interval when
	 * that is longer).
	 * @param currentSeconds the current interval
	 * @param baseSeconds the transaction's base interval
	 * @return seconds
	 */
	public long backedOff(long currentSeconds, long baseSeconds) {
		long doubled = (currentSeconds > Long.MAX_VALUE / 2) ? Long.MAX_VALUE : currentSeconds * 2;
		long cap = Math.max(this.properties.getMaxRetryInterval().toSeconds(), baseSeconds);
		return Math.max(1, Math.min(doubled, Math.min(cap, maxTimeoutSeconds())));
	}

	private long maxTimeoutSeconds() {
		return this.properties.getLimits().getMaxTimeout().toSeconds();
	}

	/**
	 * Timeout of a transaction: its own timeout_to_fail, or the global default for every
	 * mode but saga.
	 * @param trans the transaction
	 * @return the timeout, or {@code null} when it never times out
	 */
	public Duration timeout(GlobalTrans trans) {
		if (trans.options().timeoutToFail() > 0) {
			return Duration.ofSeconds(Math.min(trans.options().timeoutToFail(), maxTimeoutSeconds()));
		}
		return (trans.transType() != TransType.SAGA) ? this.properties.getTimeoutToFail() : null;
	}

	/**
	 * When the transaction times out.
	 * @param trans the transaction
	 * @return the moment, or {@code null} when it never times out
	 */
	public LocalDateTime timeoutAt(GlobalTrans trans) {
		Duration timeout = timeout(trans);
		return (timeout != null) ? createdSecond(trans).plus(timeout) : null;
	}

	/**
	 * Whether the transaction has timed out.
	 * @param trans the transaction
	 * @param now the current time
	 * @return {@code true} once its timeout has elapsed since creation
	 */
	public boolean isTimedOut(GlobalTrans trans, LocalDateTime now) {
		LocalDateTime at = timeoutAt(trans);
		return at != null && !now.isBefore(at);
	}

	/**
	 * When a submitted msg may be delivered: its creation plus custom_data's delay.
	 * @param trans the transaction
	 * @param delaySeconds the delay it asked for
	 * @return the moment
	 */
	public LocalDateTime deliverAt(GlobalTrans trans, long delaySeconds) {
		return createdSecond(trans).plusSeconds(Math.max(0, Math.min(delaySeconds, maxTimeoutSeconds())));
	}

	/**
	 * The creation time in whole seconds, as stored: a row that was just created carries
	 * its exact creation time in memory, and its schedule must not differ from the same
	 * row read back.
	 */
	private static LocalDateTime createdSecond(GlobalTrans trans) {
		return trans.createTime().truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * Branch call timeout of a transaction.
	 * @param options its options
	 * @return the timeout
	 */
	public Duration requestTimeout(TransOptions options) {
		Duration max = this.properties.getLimits().getMaxRequestTimeout();
		return (options.requestTimeout() > 0) ? Duration.ofSeconds(Math.min(options.requestTimeout(), max.toSeconds()))
				: this.properties.getRequestTimeout();
	}

	/**
	 * Length of the lease the cron takes on a due transaction.
	 * @return the lease
	 */
	public Duration lease() {
		return this.properties.getRetryInterval();
	}

	/**
	 * Delay before the n-th in-pass re-run of a saga action: the initial delay, doubled
	 * for every re-run before it, at most the maximum delay.
	 * @param retry the re-run's number, from 1
	 * @return the delay
	 */
	public Duration inPassRetryDelay(long retry) {
		DtmServerProperties.InPassRetry config = this.properties.getInPassRetry();
		long max = config.getMaxDelay().toMillis();
		long delay = config.getInitialDelay().toMillis();
		for (long i = 1; i < retry && delay < max; i++) {
			delay *= 2;
		}
		return Duration.ofMillis(Math.min(delay, max));
	}

	/**
	 * Time one pass may spend on in-pass re-runs.
	 * @return the budget
	 */
	public Duration inPassRetryBudget() {
		return this.properties.getInPassRetry().getBudget();
	}

}
