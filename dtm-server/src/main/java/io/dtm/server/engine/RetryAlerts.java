package io.dtm.server.engine;

import io.dtm.server.store.GlobalTrans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a transaction whose branches keep failing raises an alert. The retry count is read
 * from the back-off, as dtm reads it: {@code log2(interval / base interval)}, so it needs
 * nothing stored besides the interval. By default an alert is raised once per crossing:
 * by the back-off that brings the count to the limit, not by later back-offs of the same
 * run of failures; a pass without faults resets the interval and so the count, and a new
 * run of failures alerts again. With {@code everyRetry} every back-off at or above the
 * limit alerts, as dtm does.
 */
public final class RetryAlerts {

	private static final Logger logger = LoggerFactory.getLogger(RetryAlerts.class);

	/** Raises no alerts. */
	public static final RetryAlerts NONE = new RetryAlerts(AlertSender.NONE, Long.MAX_VALUE, false);

	private final AlertSender sender;

	private final long retryLimit;

	private final boolean everyRetry;

	/**
	 * Create the rule.
	 * @param sender where alerts go
	 * @param retryLimit the retry count at which a transaction alerts (at least 1)
	 * @param everyRetry whether every back-off at or above the limit alerts (dtm's
	 * behaviour) rather than only the one that reaches it
	 */
	public RetryAlerts(AlertSender sender, long retryLimit, boolean everyRetry) {
		if (retryLimit < 1) {
			throw new IllegalArgumentException("retry limit must be at least 1, was " + retryLimit);
		}
		this.sender = sender;
		this.retryLimit = retryLimit;
		this.everyRetry = everyRetry;
	}

	/**
	 * A pass backed the transaction off: alert when the new retry count reaches the
	 * limit.
	 * @param trans the transaction after the pass
	 * @param previousCount the retry count before the pass
	 * @param retryCount the retry count after the back-off
	 * @param failure the last failed call of the pass, or {@code null}
	 */
	void backedOff(GlobalTrans trans, long previousCount, long retryCount, TransPass.FailedCall failure) {
		if (retryCount < this.retryLimit || (!this.everyRetry && previousCount >= this.retryLimit)) {
			return;
		}
		String branch = (failure != null) ? Redaction.url(failure.url()) : "";
		String error = (failure != null) ? failure.error() : "";
		try {
			this.sender.send(new RetryAlert(trans.gid(), trans.status(), branch, error, retryCount));
		}
		catch (RuntimeException ex) {
			// an alert never fails the pass that raised it
			logger.warn("alert for gid={} not sent: {}", trans.gid(), ex.toString());
		}
	}

}
