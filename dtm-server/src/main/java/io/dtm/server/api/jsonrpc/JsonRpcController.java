package io.dtm.server.api.jsonrpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.diagnostics.StoreFailures;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.TransCoordinator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * dtm's JSON-RPC 2.0 endpoint on the main port, {@code POST /api/json-rpc}. Every answer
 * is HTTP 200 with {@code {"error":…,"id":…,"jsonrpc":"2.0","result":…}}: {@code error}
 * is {@code null} on success, {@code result} is {@code null} unless the method returned
 * something or ran and failed (then {@code {}}, as dtm writes it). The body is read as
 * JSON whatever its {@code Content-Type}, and the answer is JSON whatever the
 * {@code Accept} header asks for.
 */
@RestController
class JsonRpcController {

	private static final Map<String, Object> FAILED_RESULT = Map.of();

	private final ObjectMapper mapper;

	private final JsonRpcMethods methods;

	private final JsonRpcErrorMapper errors;

	JsonRpcController(TransCoordinator coordinator, GidGenerator gids, ObjectMapper mapper,
			ObjectProvider<StoreFailures> storeFailures) {
		this.mapper = mapper;
		this.methods = new JsonRpcMethods(coordinator, gids, mapper);
		this.errors = new JsonRpcErrorMapper(storeFailures);
	}

	@PostMapping(path = "/api/json-rpc", consumes = MediaType.ALL_VALUE)
	ResponseEntity<byte[]> call(@RequestBody(required = false) byte[] body) throws JsonProcessingException {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.mapper.writeValueAsBytes(answer(body)));
	}

	private Map<String, Object> answer(byte[] body) {
		JsonRpcRequest request;
		Function<JsonNode, Object> method;
		try {
			request = JsonRpcRequest.read(this.mapper, body);
			method = this.methods.find(request.method());
		}
		catch (JsonRpcError ex) {
			return answer(JsonRpcRequest.idOf(this.mapper, body), null, ex);
		}
		try {
			return answer(request.id(), method.apply(request.params()), null);
		}
		catch (JsonRpcError ex) {
			return answer(request.id(), null, ex);
		}
		catch (RuntimeException ex) {
			return answer(request.id(), FAILED_RESULT, this.errors.map(ex));
		}
	}

	private static Map<String, Object> answer(String id, Object result, JsonRpcError error) {
		Map<String, Object> answer = new LinkedHashMap<>();
		if (error == null) {
			answer.put("error", null);
		}
		else {
			Map<String, Object> object = new LinkedHashMap<>();
			object.put("code", error.code());
			object.put("message", error.getMessage());
			answer.put("error", object);
		}
		answer.put("id", id);
		answer.put("jsonrpc", "2.0");
		answer.put("result", result);
		return answer;
	}

}
