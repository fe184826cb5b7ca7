package io.dtm.server.api.jsonrpc;

import io.dtm.core.JsonRpcCodes;

/**
 * A JSON-RPC error object, thrown while a request is read or run.
 */
final class JsonRpcError extends RuntimeException {

	private final int code;

	JsonRpcError(int code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	/** The body is no JSON object of the envelope's shape. */
	static JsonRpcError parse(String detail) {
		return new JsonRpcError(JsonRpcCodes.PARSE_ERROR, "Parse json error: " + detail);
	}

	/** The envelope lacks a string id or jsonrpc "2.0". */
	static JsonRpcError invalidRequest(String envelope) {
		return new JsonRpcError(JsonRpcCodes.INVALID_REQUEST, "Bad json request: " + envelope);
	}

	/** The method is unknown. */
	static JsonRpcError methodNotFound(String method) {
		return new JsonRpcError(JsonRpcCodes.METHOD_NOT_FOUND, "Method not found: " + method);
	}

	/** The params cannot be read for the method. */
	static JsonRpcError badParams(String detail) {
		return new JsonRpcError(JsonRpcCodes.INTERNAL_ERROR, detail);
	}

	int code() {
		return this.code;
	}

}
