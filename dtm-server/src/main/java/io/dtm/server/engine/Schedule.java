package io.dtm.server.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import io.dtm.core.BranchOutcome;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.GlobalTrans;

/**
 * Every timing rule of the coordinator in one place: the store's clock (whole seconds),
 * when a transaction is looked at next after a pass (back-off doubling on errors and
 * failures, the same interval while a branch answers ONGOING, the base interval after
 * progress), after a failed pass and after a store failure, the cron's lease and its
 * renewal during a long pass, timeouts, the msg delay, branch call timeouts and the
 * in-pass retry delays of a saga action.
 * <p>
 * Every value read from a transaction is clamped to the configured limits, so no stored
 * value, however large, makes a time computation overflow.
 */
public class Schedule {

	/**
	 * A long pass pushes its lease forward after a recorded branch result at most this
	 * often.
	 */
	static final Duration LEASE_RENEWAL_PERIOD = Duration.ofMillis(1500);

	private final DtmServerProperties properties;

	private final Clock clock;

	public Schedule(DtmServerProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The current time as the store keeps it: wall-clock time in whole seconds.
	 * @return now, truncated to seconds
	 */
	public LocalDateTime now() {
		return stored(preciseNow());
	}

	/**
	 * A time as the store keeps it: in whole seconds, as dtm stores times.
	 * @param time a time
	 * @return the time truncated to seconds
	 */
	public static LocalDateTime stored(LocalDateTime time) {
		return time.truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * The current time with its fraction of a second, for durations that are measured,
	 * not stored (how long a transaction took).
	 * @return now
	 */
	public LocalDateTime preciseNow() {
		return LocalDateTime.now(this.clock);
	}

	/**
	 * The clock's milliseconds, for budgets inside one pass.
	 * @return milliseconds of the clock
	 */
	public long millis() {
		return this.clock.millis();
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

	/**
	 * When an unfinished transaction is looked at next after a pass that ran to its end.
	 * The most severe branch outcome of the pass decides the interval: FAILURE or an
	 * error doubles the current one, ONGOING keeps it (a participant that is still busy
	 * is not a fault), anything else resets it to the base interval. A pass that called
	 * nothing and asked for a time of its own (the msg delay, a prepared transaction's
	 * timeout) gets that time.
	 * @param trans the transaction after the pass
	 * @param worst the most severe outcome of the pass, or {@code null} when nothing was
	 * called
	 * @param requested the time the pass asked for, or {@code null}
	 * @return the next run
	 */
	public NextRun afterPass(GlobalTrans trans, BranchOutcome worst, LocalDateTime requested) {
		long base = baseIntervalSeconds(trans.options());
		long current = currentIntervalSeconds(trans);
		long interval;
		if (backsOff(worst)) {
			interval = backedOff(current, base);
		}
		else if (worst == BranchOutcome.ONGOING) {
			interval = current;
		}
		else {
			interval = base;
		}
		LocalDateTime now = now();
		LocalDateTime at = (requested != null && worst == null) ? requested : now.plusSeconds(interval);
		return new NextRun(interval, at, now);
	}

	/**
	 * Whether a pass with this worst outcome backs the transaction off (doubles its
	 * interval) when it leaves it unfinished.
	 * @param worst the most severe outcome of the pass, or {@code null}
	 * @return {@code true} for FAILURE and an unknown outcome
	 */
	public static boolean backsOff(BranchOutcome worst) {
		return worst == BranchOutcome.ERROR || worst == BranchOutcome.FAILURE;
	}

	/**
	 * The transaction's current interval: the stored one, or the base interval when none
	 * is stored.
	 * @param trans the transaction
	 * @return seconds
	 */
	public long currentIntervalSeconds(GlobalTrans trans) {
		return (trans.nextCronInterval() > 0) ? trans.nextCronInterval() : baseIntervalSeconds(trans.options());
	}

	/**
	 * How many back-offs an interval stands for, counted as dtm counts for its alert:
	 * {@code floor(log2(interval / base interval))}; 0 at the base interval. The count
	 * stops growing once the back-off reaches {@code dtm.server.max-retry-interval}.
	 * @param trans the transaction
	 * @param intervalSeconds an interval of the transaction
	 * @return the retry count
	 */
	public long retryCount(GlobalTrans trans, long intervalSeconds) {
		long ratio = intervalSeconds / baseIntervalSeconds(trans.options());
		return (ratio <= 1) ? 0 : 63 - Long.numberOfLeadingZeros(ratio);
	}

	/**
	 * When a transaction whose pass broke off with an unexpected error is tried again:
	 * backed off from the longer of its base and current intervals.
	 * @param trans the transaction
	 * @return the next run
	 */
	public NextRun afterPassError(GlobalTrans trans) {
		long base = baseIntervalSeconds(trans.options());
		return in(backedOff(Math.max(base, trans.nextCronInterval()), base));
	}

	/**
	 * When a transaction whose pass broke off because the store failed is tried again:
	 * the base interval, without doubling, so a store outage does not push transactions
	 * far into the future. Usually the store is still away and the cron's lease decides.
	 * @param trans the transaction
	 * @return the next run
	 */
	public NextRun afterStoreFailure(GlobalTrans trans) {
		return in(baseIntervalSeconds(trans.options()));
	}

	private NextRun in(long intervalSeconds) {
		LocalDateTime now = now();
		return new NextRun(intervalSeconds, now.plusSeconds(intervalSeconds), now);
	}

	/**
	 * Length of the lease the cron takes on a due transaction: no other instance's cron
	 * picks it up before the lease ends.
	 * @return the lease
	 */
	public Duration lease() {
		return this.properties.getRetryInterval();
	}

	/**
	 * Whether a pass that last pushed its lease forward at {@code lastRenewalMillis}
	 * (clock milliseconds) should push it again now.
	 * @param lastRenewalMillis when it last did
	 * @return {@code true} at most once per {@link #LEASE_RENEWAL_PERIOD}
	 */
	public boolean leaseRenewalDue(long lastRenewalMillis) {
		return millis() - lastRenewalMillis >= LEASE_RENEWAL_PERIOD.toMillis();
	}

	/**
	 * The lease a pass that makes progress takes again: one lease (at least one base
	 * interval) from now, with the base interval as the current one.
	 * @param trans the transaction
	 * @return the next run
	 */
	public NextRun renewedLease(GlobalTrans trans) {
		long base = baseIntervalSeconds(trans.options());
		long ahead = Math.max(base, lease().toSeconds());
		LocalDateTime now = now();
		return new NextRun(base, now.plusSeconds(ahead), now);
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
	 * Whether the transaction has timed out by now.
	 * @param trans the transaction
	 * @return {@code true} once its timeout has elapsed since creation
	 */
	public boolean isTimedOut(GlobalTrans trans) {
		return isTimedOut(trans, now());
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
		return stored(trans.createTime());
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

	/**
	 * When a transaction is looked at next.
	 *
	 * @param intervalSeconds the interval to store as the current one
	 * ({@code next_cron_interval})
	 * @param at the next cron time
	 * @param now the time the decision was taken (the row's update time)
	 */
	public record NextRun(long intervalSeconds, LocalDateTime at, LocalDateTime now) {

	}

}
