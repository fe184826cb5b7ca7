package io.dtm.core;

/**
 * The JSON-RPC 2.0 error codes dtm uses, on its own {@code /api/json-rpc} endpoint and in
 * the replies it reads from branches called over JSON-RPC. The first four are the
 * standard codes; the last two are dtm's results {@code FAILURE} and {@code ONGOING}.
 */
public final class JsonRpcCodes {

	/** The protocol name a transaction carries in {@code protocol}. */
	public static final String PROTOCOL = "json-rpc";

	/** The body is not JSON, or not a JSON object of the request's shape. */
	public static final int PARSE_ERROR = -32700;

	/** No string {@code id}, or {@code jsonrpc} is not {@code "2.0"}. */
	public static final int INVALID_REQUEST = -32600;

	/** The method is not one of the endpoint's methods. */
	public static final int METHOD_NOT_FOUND = -32601;

	/** Any other error of the method. */
	public static final int INTERNAL_ERROR = -32603;

	/** dtm's {@code FAILURE}: a business refusal, not retried. */
	public static final int FAILURE = -32901;

	/** dtm's {@code ONGOING}: not finished yet, asked again later. */
	public static final int ONGOING = -32902;

	private JsonRpcCodes() {
	}

}
