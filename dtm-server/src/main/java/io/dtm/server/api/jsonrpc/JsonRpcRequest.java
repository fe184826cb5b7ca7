package io.dtm.server.api.jsonrpc;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The request envelope as dtm reads it: {@code method}, {@code jsonrpc} and {@code id}
 * are strings (a field of another type is a parse error, -32700), {@code params} is any
 * JSON, other fields are ignored; {@code id} must be a non-empty string and
 * {@code jsonrpc} exactly {@code "2.0"} (else -32600).
 *
 * @param method the method name, empty when absent
 * @param jsonrpc the version, empty when absent
 * @param params the params, {@link NullNode} when absent
 * @param id the id, empty when absent
 */
record JsonRpcRequest(String method, String jsonrpc, JsonNode params, String id) {

	private static final String VERSION = "2.0";

	/**
	 * Read and check an envelope.
	 * @param mapper the mapper
	 * @param body the request body, may be {@code null}
	 * @return the request
	 * @throws JsonRpcError a parse error or an invalid request; {@link #idOf} tells the
	 * id to answer with
	 */
	static JsonRpcRequest read(ObjectMapper mapper, byte[] body) {
		JsonNode tree;
		try {
			tree = (body != null && body.length > 0) ? mapper.readTree(body) : null;
		}
		catch (JsonProcessingException ex) {
			throw JsonRpcError.parse(firstLine(ex.getOriginalMessage()));
		}
		catch (IOException ex) {
			throw JsonRpcError.parse(firstLine(ex.getMessage()));
		}
		if (tree == null || tree.isMissingNode()) {
			throw JsonRpcError.parse("EOF");
		}
		if (!tree.isObject()) {
			throw JsonRpcError.parse("cannot read a JSON " + tree.getNodeType().name().toLowerCase() + " as a request");
		}
		JsonRpcRequest request = new JsonRpcRequest(text(tree, "method"), text(tree, "jsonrpc"),
				tree.has("params") ? tree.get("params") : NullNode.getInstance(), text(tree, "id"));
		if (request.id().isEmpty() || !VERSION.equals(request.jsonrpc())) {
			throw JsonRpcError.invalidRequest(request.envelope(mapper));
		}
		return request;
	}

	/**
	 * The id to answer a body with even when it could not be read as a request: its
	 * {@code id} when that is a string, else empty.
	 * @param mapper the mapper
	 * @param body the request body
	 * @return the id
	 */
	static String idOf(ObjectMapper mapper, byte[] body) {
		try {
			JsonNode id = (body != null && body.length > 0) ? mapper.readTree(body).path("id") : null;
			return (id != null && id.isTextual()) ? id.asText() : "";
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

	private static String text(JsonNode tree, String field) {
		JsonNode value = tree.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return "";
		}
		if (!value.isTextual()) {
			throw JsonRpcError.parse(
					"field '" + field + "' must be a string, not a JSON " + value.getNodeType().name().toLowerCase());
		}
		return value.asText();
	}

	/** The envelope as dtm prints it in an invalid-request message. */
	private String envelope(ObjectMapper mapper) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("method", this.method);
		envelope.put("jsonrpc", this.jsonrpc);
		envelope.put("params", this.params);
		envelope.put("id", this.id);
		try {
			return mapper.writeValueAsString(envelope);
		}
		catch (IOException ex) {
			return envelope.toString();
		}
	}

	private static String firstLine(String message) {
		String text = (message != null) ? message : "unreadable body";
		int newline = text.indexOf('\n');
		return (newline >= 0) ? text.substring(0, newline) : text;
	}

}
