package io.dtm.server.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dtm.core.BranchOutcome;
import io.dtm.core.JsonRpcCodes;

/**
 * dtm's rules for calling a branch over JSON-RPC: which calls use it, the request body
 * and how the reply is classified.
 * <ul>
 * <li>A call uses JSON-RPC when the transaction's protocol is {@code json-rpc} and the
 * URL contains {@code method}; other URLs of such a transaction are called over plain
 * HTTP.</li>
 * <li>The request is a POST of {@code {"id":…,"jsonrpc":"2.0","method":…,"params":…}} to
 * the URL as stored: {@code method} is the URL's {@code method} query parameter,
 * {@code params} the branch payload (a JSON object) with {@code gid}, {@code trans_type},
 * {@code branch_id} and {@code op} set, and {@code id} a fresh random string. Keys are
 * written in sorted order, as dtm writes them.</li>
 * <li>The reply is first read as an HTTP reply ({@link BranchOutcome#fromHttp}); a 200
 * whose body is a JSON-RPC error is {@code FAILURE} for code -32901, {@code ONGOING} for
 * -32902 and an error (retried) otherwise; a body that is not JSON is an error.</li>
 * </ul>
 */
public final class JsonRpcBranchProtocol {

	private final ObjectMapper sorted;

	/**
	 * Create the rules.
	 * @param objectMapper the mapper that reads payloads and replies
	 */
	public JsonRpcBranchProtocol(ObjectMapper objectMapper) {
		this.sorted = objectMapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
	}

	/**
	 * Whether a call goes over JSON-RPC.
	 * @param request the call
	 * @return {@code true} for a json-rpc transaction and a URL containing {@code method}
	 */
	public static boolean appliesTo(BranchRequest request) {
		return appliesTo(request.url(), request.protocol());
	}

	/**
	 * Whether a branch URL of a transaction is called over JSON-RPC.
	 * @param url the branch URL
	 * @param protocol the transaction's protocol
	 * @return {@code true} for a json-rpc transaction and a URL containing {@code method}
	 */
	public static boolean appliesTo(String url, String protocol) {
		return JsonRpcCodes.PROTOCOL.equals(protocol) && url != null && url.contains("method");
	}

	/**
	 * The JSON-RPC method named by a URL.
	 * @param url the URL
	 * @return its {@code method} query parameter, empty when it has none
	 */
	static String method(String url) {
		String query = URI.create(url).getRawQuery();
		if (query == null) {
			return "";
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq >= 0) ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
			if ("method".equals(key)) {
				return (eq >= 0) ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "";
			}
		}
		return "";
	}

	/**
	 * The request body of a call.
	 * @param request the call
	 * @param id the JSON-RPC id
	 * @return the JSON bytes
	 * @throws IllegalArgumentException when the payload is not a JSON object
	 */
	byte[] requestBody(BranchRequest request, String id) {
		Map<String, Object> params = params(request.payload());
		params.put("gid", request.gid());
		params.put("trans_type", request.transType().wireValue());
		params.put("branch_id", request.branchId());
		params.put("op", request.opName());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("jsonrpc", "2.0");
		body.put("method", method(request.url()));
		body.put("params", params);
		try {
			return this.sorted.writeValueAsBytes(body);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot write the JSON-RPC request: " + ex.getMessage(), ex);
		}
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> params(byte[] payload) {
		if (payload == null || payload.length == 0) {
			return new LinkedHashMap<>();
		}
		try {
			Object value = this.sorted.readValue(payload, Object.class);
			if (value instanceof Map<?, ?> map) {
				return new LinkedHashMap<>((Map<String, Object>) map);
			}
		}
		catch (IOException ex) {
			// reported below
		}
		throw new IllegalArgumentException("the payload is not a JSON object, so it cannot be the JSON-RPC params");
	}

	/**
	 * The code of a reply for the branch call records: the JSON-RPC error code of an HTTP
	 * 200 reply that carries one, else the HTTP status.
	 * @param status the HTTP status
	 * @param body the body, may be {@code null}
	 * @return the code
	 */
	String code(int status, String body) {
		// only a reply naming an "error" member is parsed a second time
		if (status == 200 && body != null && body.contains("\"error\"")) {
			try {
				JsonNode reply = this.sorted.readTree(body);
				JsonNode code = (reply != null) ? reply.path("error").path("code") : null;
				if (code != null && code.isNumber()) {
					return code.asText();
				}
			}
			catch (IOException ex) {
				// not JSON: the HTTP status says what there is to say
			}
		}
		return String.valueOf(status);
	}

	/**
	 * Classify a reply.
	 * @param status the HTTP status
	 * @param body the body, may be {@code null}
	 * @return the outcome
	 */
	BranchOutcome outcome(int status, String body) {
		BranchOutcome http = BranchOutcome.fromHttp(status, body);
		if (http != BranchOutcome.SUCCESS) {
			return http;
		}
		JsonNode reply;
		try {
			reply = this.sorted.readTree((body != null) ? body : "");
		}
		catch (IOException ex) {
			return BranchOutcome.ERROR;
		}
		if (reply == null || reply.isMissingNode() || (!reply.isObject() && !reply.isNull())) {
			return BranchOutcome.ERROR;
		}
		JsonNode error = reply.path("error");
		if (error.isMissingNode() || error.isNull()) {
			return BranchOutcome.SUCCESS;
		}
		JsonNode code = error.path("code");
		if (code.isNumber() && code.doubleValue() == JsonRpcCodes.FAILURE) {
			return BranchOutcome.FAILURE;
		}
		if (code.isNumber() && code.doubleValue() == JsonRpcCodes.ONGOING) {
			return BranchOutcome.ONGOING;
		}
		return BranchOutcome.ERROR;
	}

}
