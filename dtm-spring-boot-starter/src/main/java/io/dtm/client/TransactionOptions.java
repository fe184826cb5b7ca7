package io.dtm.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.TransOptions;

import org.springframework.util.Assert;

/**
 * Options shared by every mode: how the coordinator calls branches and how long it keeps
 * trying. Unset values use the coordinator's defaults. Times are sent in whole seconds.
 *
 * @param <B> the concrete builder type
 */
public abstract class TransactionOptions<B extends TransactionOptions<B>> {

	final DtmTemplate template;

	final String gid;

	boolean waitResult;

	Duration timeoutToFail;

	Duration retryInterval;

	Duration requestTimeout;

	long retryLimit;

	final Map<String, String> branchHeaders = new LinkedHashMap<>();

	TransactionOptions(DtmTemplate template, String gid) {
		Assert.hasText(gid, "'gid' must not be empty");
		this.template = template;
		this.gid = gid;
	}

	/**
	 * The global transaction id.
	 * @return the gid
	 */
	public String getGid() {
		return this.gid;
	}

	/**
	 * Let submit (and abort) wait until the coordinator has processed the transaction
	 * once: a saga answers only after every action (or the rollback) ran. A transaction
	 * that failed is reported as {@link DtmFailure}, one still running as
	 * {@link DtmOngoing}, one whose branch failed with an error (which the coordinator
	 * keeps retrying) as {@link DtmCoordinatorErrorException}.
	 * @return this builder
	 */
	public B waitResult() {
		this.waitResult = true;
		return self();
	}

	/**
	 * Give up and roll back after this long (for a saga only when set here; tcc, xa and
	 * msg use the coordinator's default of 35 s when unset).
	 * @param timeout the timeout, at least one second
	 * @return this builder
	 */
	public B timeoutToFail(Duration timeout) {
		this.timeoutToFail = seconds(timeout, "timeoutToFail");
		return self();
	}

	/**
	 * Base interval between retries of a branch with an unknown outcome (doubled after
	 * each error).
	 * @param interval the interval, at least one second
	 * @return this builder
	 */
	public B retryInterval(Duration interval) {
		this.retryInterval = seconds(interval, "retryInterval");
		return self();
	}

	/**
	 * HTTP timeout of each branch call the coordinator makes.
	 * @param timeout the timeout, at least one second
	 * @return this builder
	 */
	public B requestTimeout(Duration timeout) {
		this.requestTimeout = seconds(timeout, "requestTimeout");
		return self();
	}

	/**
	 * Add a header the coordinator sends on every branch call (for example a tenant or an
	 * authorization token).
	 * @param name the header name
	 * @param value the value
	 * @return this builder
	 */
	public B branchHeader(String name, String value) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(value, "'value' must not be null");
		this.branchHeaders.put(name, value);
		return self();
	}

	/**
	 * Add several branch headers.
	 * @param headers the headers
	 * @return this builder
	 * @see #branchHeader(String, String)
	 */
	public B branchHeaders(Map<String, String> headers) {
		headers.forEach(this::branchHeader);
		return self();
	}

	@SuppressWarnings("unchecked")
	final B self() {
		return (B) this;
	}

	TransOptions options(boolean concurrent) {
		return new TransOptions(this.waitResult, secondsOf(this.timeoutToFail), secondsOf(this.requestTimeout),
				secondsOf(this.retryInterval), this.branchHeaders, concurrent, this.retryLimit, 0);
	}

	private static Duration seconds(Duration value, String name) {
		Assert.notNull(value, () -> "'" + name + "' must not be null");
		Assert.isTrue(value.toSeconds() >= 1, () -> "'" + name + "' must be at least one second, but was " + value);
		return value;
	}

	private static long secondsOf(Duration value) {
		return (value != null) ? value.toSeconds() : 0;
	}

}
