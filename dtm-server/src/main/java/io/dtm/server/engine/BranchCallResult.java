package io.dtm.server.engine;

import io.dtm.core.BranchOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of one branch call, a short code and a description for logs and rollback
 * reasons.
 *
 * @param outcome the classified outcome
 * @param detail HTTP status and body excerpt, or the transport error
 * @param code what answered, in short: the HTTP status ({@code 500}), the gRPC status
 * name ({@code UNAVAILABLE}), the JSON-RPC error code of an HTTP 200 answer
 * ({@code -32901}), or, without an answer, one of the reasons below ({@link #TIMEOUT},
 * {@code connection refused}, {@code unknown host}…); empty when the call was not made
 * (an empty URL)
 */
public record BranchCallResult(BranchOutcome outcome, String detail, String code) {

	/** Code of a call that got no answer in time. */
	public static final String TIMEOUT = "timeout";

	/** Code of a call whose service URL could not be resolved. */
	public static final String UNRESOLVED_URL = "unresolved url";

	/**
	 * Code of a call that could not be expressed (a bad URL, a payload JSON-RPC cannot
	 * carry).
	 */
	public static final String INVALID_REQUEST = "invalid request";

	/**
	 * Code of a call not made because the branch URL guard refuses its address
	 * ({@code dtm.server.security.branch-urls}).
	 */
	public static final String URL_DENIED = "url denied";

	/** Code of a call cut short because the coordinator is stopping. */
	public static final String INTERRUPTED = "interrupted";

	private static final Logger logger = LoggerFactory.getLogger(BranchCallResult.class);

	/** The longest answer text kept in a detail. */
	private static final int DETAIL_LIMIT = 200;

	/**
	 * A result without a code.
	 * @param outcome the classified outcome
	 * @param detail the description
	 */
	public BranchCallResult(BranchOutcome outcome, String detail) {
		this(outcome, detail, "");
	}

	/**
	 * The result of a call with a code; {@code null} becomes empty.
	 * @param outcome the classified outcome
	 * @param detail the description
	 * @param code the code
	 */
	public BranchCallResult {
		code = (code != null) ? code : "";
	}

	static BranchCallResult success() {
		return new BranchCallResult(BranchOutcome.SUCCESS, "", "");
	}

	static BranchCallResult error(String code, String detail) {
		return new BranchCallResult(BranchOutcome.ERROR, detail, code);
	}

	/**
	 * A call that got no usable answer: logged with the call, retried later.
	 * @param request the call
	 * @param code the short reason
	 * @param detail why
	 * @return the error result
	 */
	static BranchCallResult retried(BranchRequest request, String code, String detail) {
		logger.warn("branch call failed, will be retried: gid={} branch_id={} op={} url={}: {}", request.gid(),
				request.branchId(), request.op(), request.url(), detail);
		return error(code, detail);
	}

	/**
	 * The start of a participant's answer, for a detail.
	 * @param text the answer, may be {@code null}
	 * @return at most 200 characters, marked when cut
	 */
	static String excerpt(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= DETAIL_LIMIT) ? text : text.substring(0, DETAIL_LIMIT) + "...";
	}

}
