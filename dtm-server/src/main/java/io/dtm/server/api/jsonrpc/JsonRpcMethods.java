package io.dtm.server.api.jsonrpc;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.TransRequest;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.TransCoordinator;

/**
 * dtm's JSON-RPC methods, each a thin call of the service layer that the HTTP API uses:
 * {@code newGid} ({@code {"gid":…}}), {@code prepare}, {@code submit}, {@code abort}
 * (params: the body of the HTTP call of the same name; result {@code null}) and
 * {@code registerBranch} (params: an object of strings as in HTTP).
 */
final class JsonRpcMethods {

	private final Map<String, Function<JsonNode, Object>> methods = new LinkedHashMap<>();

	private final ObjectMapper mapper;

	JsonRpcMethods(TransCoordinator coordinator, GidGenerator gids, ObjectMapper mapper) {
		this.mapper = mapper;
		this.methods.put("newGid", (params) -> Map.of("gid", gids.next()));
		this.methods.put("prepare", (params) -> {
			coordinator.prepare(trans(params));
			return null;
		});
		this.methods.put("submit", (params) -> {
			coordinator.submit(trans(params));
			return null;
		});
		this.methods.put("abort", (params) -> {
			coordinator.abort(trans(params));
			return null;
		});
		this.methods.put("registerBranch", (params) -> {
			coordinator.registerBranch(strings(params));
			return null;
		});
	}

	/**
	 * The method of a name.
	 * @param name the method name
	 * @return the method
	 * @throws JsonRpcError -32601 when there is none
	 */
	Function<JsonNode, Object> find(String name) {
		Function<JsonNode, Object> method = this.methods.get(name);
		if (method == null) {
			throw JsonRpcError.methodNotFound(name);
		}
		return method;
	}

	private TransRequest trans(JsonNode params) {
		if (params.isNull()) {
			return this.mapper.convertValue(Map.of(), TransRequest.class);
		}
		requireObject(params);
		try {
			return this.mapper.treeToValue(params, TransRequest.class);
		}
		catch (Exception ex) {
			throw JsonRpcError.badParams("params cannot be read as a transaction: " + firstLine(ex.getMessage()));
		}
	}

	private static Map<String, String> strings(JsonNode params) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (params.isNull()) {
			return fields;
		}
		requireObject(params);
		for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> field = it.next();
			if (!field.getValue().isTextual()) {
				throw JsonRpcError.badParams(
						"registerBranch field '" + field.getKey() + "' must be a string; every value is a string");
			}
			fields.put(field.getKey(), field.getValue().asText());
		}
		return fields;
	}

	private static void requireObject(JsonNode params) {
		if (!params.isObject()) {
			throw JsonRpcError
				.badParams("params must be a JSON object, not a JSON " + params.getNodeType().name().toLowerCase());
		}
	}

	private static String firstLine(String message) {
		String text = (message != null) ? message : "";
		int newline = text.indexOf('\n');
		return (newline >= 0) ? text.substring(0, newline) : text;
	}

}
