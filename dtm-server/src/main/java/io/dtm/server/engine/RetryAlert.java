package io.dtm.server.engine;

import io.dtm.core.GlobalStatus;

/**
 * A transaction whose retries reached the alert limit, with the fields dtm posts to its
 * alert webhook.
 *
 * @param gid the gid
 * @param status the global status when the alert was raised
 * @param branch URL of the last branch call of the pass that failed or had an unknown
 * outcome
 * @param error what that call answered
 * @param retryCount the number of back-offs the current interval stands for:
 * {@code log2(interval / base interval)}, as dtm counts
 */
public record RetryAlert(String gid, GlobalStatus status, String branch, String error, long retryCount) {

}
