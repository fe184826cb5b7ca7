package io.dtm.server.api.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * Documentation-only schemas of dtm's JSON-RPC 2.0 endpoint, {@code POST /api/json-rpc}.
 */
public final class JsonRpcSchemas {

	private JsonRpcSchemas() {
	}

	/**
	 * A JSON-RPC request.
	 */
	@Schema(name = "JsonRpcRequest", description = "A JSON-RPC 2.0 request; unknown fields are ignored.")
	public record Request(
			@Schema(description = "Must be `2.0` (else -32600).", requiredMode = RequiredMode.REQUIRED,
					allowableValues = "2.0") @JsonProperty("jsonrpc") String jsonrpc,
			@Schema(description = "A non-empty string, echoed in the answer (missing or empty: -32600; another type: "
					+ "-32700).", requiredMode = RequiredMode.REQUIRED) @JsonProperty("id") String id,
			@Schema(description = "dtm's method name (another: -32601).", requiredMode = RequiredMode.REQUIRED,
					allowableValues = {
							"newGid", "prepare", "submit", "abort",
							"registerBranch" }) @JsonProperty("method") String method,
			@Schema(description = "`newGid`: ignored; `prepare`, `submit`, `abort`: a TransRequest object; "
					+ "`registerBranch`: a RegisterBranchRequest object (every value a string).",
					oneOf = { ApiRequests.TransRequest.class,
							ApiRequests.RegisterBranchRequest.class }) @JsonProperty("params") Object params){

	}

	/**
	 * The answer, always HTTP 200.
	 */
	@Schema(name = "JsonRpcAnswer", description = "Every answer has all four fields, in this order.")
	public record Answer(
			@Schema(description = "`null` on success, else the error.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("error") Error error,
			@Schema(description = "The request's `id`; `\"\"` when the body could not be read and had no string "
					+ "`id`.", requiredMode = RequiredMode.REQUIRED) @JsonProperty("id") String id,
			@Schema(description = "Always `2.0`.", requiredMode = RequiredMode.REQUIRED,
					allowableValues = "2.0") @JsonProperty("jsonrpc") String jsonrpc,
			@Schema(description = "`newGid`: `{\"gid\":...}`; the other methods: `null` on success, `{}` when the "
					+ "method ran and failed, `null` when it did not run.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("result") Object result) {

	}

	/**
	 * The {@code error} of an answer.
	 */
	@Schema(name = "JsonRpcError", description = "A JSON-RPC error.")
	public record Error(
			@Schema(description = "-32700 parse error (not JSON, not an object, a non-string `id`, `method` or "
					+ "`jsonrpc`); -32600 invalid request; -32601 unknown method; -32901 what HTTP answers with 409 "
					+ "FAILURE; -32603 everything else (what HTTP answers with 400, 425 or 500, and store failures).",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("code") int code,
			@Schema(description = "The same message as over HTTP, or the parse error.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("message") String message) {

	}

}
