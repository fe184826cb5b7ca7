package io.dtm.server.engine;

import java.net.URI;
import java.net.http.HttpRequest;

import io.dtm.core.BranchOutcome;

/**
 * How a branch call is put on HTTP and how its answer is read: plain HTTP
 * ({@link HttpBranchInvoker#PLAIN}) or JSON-RPC ({@link JsonRpcWire}).
 * {@link HttpBranchInvoker} does everything else (URL resolution, the call, timeouts,
 * transport errors) for both.
 */
interface BranchWire {

	/**
	 * The HTTP request of a call.
	 * @param target the resolved URL
	 * @param request the call
	 * @return the request
	 * @throws IllegalArgumentException when the call cannot be expressed (the call counts
	 * as an error and is retried)
	 */
	HttpRequest request(URI target, BranchRequest request);

	/**
	 * The outcome of an answer.
	 * @param status HTTP status
	 * @param body the body
	 * @return the outcome
	 */
	BranchOutcome outcome(int status, String body);

	/**
	 * The code of an answer for the branch call records.
	 * @param status HTTP status
	 * @param body the body
	 * @return the HTTP status
	 */
	default String code(int status, String body) {
		return String.valueOf(status);
	}

}
