package io.dtm.server.api.jsonrpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.api.openapi.JsonRpcSchemas;
import io.dtm.server.diagnostics.StoreFailures;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.TransCoordinator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "json-rpc", description = "dtm's JSON-RPC 2.0 protocol on the HTTP port.")
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
	@Operation(operationId = "jsonRpc", summary = "Call a dtm method over JSON-RPC 2.0",
			description = "`newGid`, `prepare`, `submit`, "
					+ "`abort` and `registerBranch` run through the same service layer as the HTTP endpoints: the same "
					+ "validation, rules and messages. The body is read as JSON whatever its `Content-Type`. The answer is "
					+ "always HTTP 200 (but for the size limit and access refusals); errors are in `error`.")
	@ApiResponse(responseCode = "200", description = "The JSON-RPC answer.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = JsonRpcSchemas.Answer.class)))
	ResponseEntity<byte[]> call(@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = JsonRpcSchemas.Request.class))) @RequestBody(
							required = false) byte[] body)
			throws JsonProcessingException {
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
