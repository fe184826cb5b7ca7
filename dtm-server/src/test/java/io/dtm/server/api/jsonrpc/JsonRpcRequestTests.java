package io.dtm.server.api.jsonrpc;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.JsonRpcCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonRpcRequestTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void whenEnvelopeIsCompleteShouldReadEveryField() {
		JsonRpcRequest request = JsonRpcRequest.read(JSON,
				bytes("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"submit\",\"params\":{\"gid\":\"g\"},\"x\":1}"));

		assertThat(request.method()).isEqualTo("submit");
		assertThat(request.id()).isEqualTo("7");
		assertThat(request.params().path("gid").asText()).isEqualTo("g");
	}

	@Test
	void whenBodyIsNoJsonObjectShouldBeAParseError() {
		assertThat(error("hello").code()).isEqualTo(JsonRpcCodes.PARSE_ERROR);
		assertThat(error("hello").getMessage()).startsWith("Parse json error: ");
		assertThat(error("").getMessage()).isEqualTo("Parse json error: EOF");
		assertThat(error("[1]").code()).isEqualTo(JsonRpcCodes.PARSE_ERROR);
	}

	@Test
	void whenAnEnvelopeFieldIsNotAStringShouldBeAParseErrorAnsweredWithTheStringId() {
		String body = "{\"jsonrpc\":\"2.0\",\"id\":\"9\",\"method\":5}";

		assertThat(error(body).code()).isEqualTo(JsonRpcCodes.PARSE_ERROR);
		assertThat(error(body).getMessage())
			.isEqualTo("Parse json error: field 'method' must be a string, not a JSON number");
		assertThat(JsonRpcRequest.idOf(JSON, bytes(body))).isEqualTo("9");
		assertThat(JsonRpcRequest.idOf(JSON, bytes("{\"id\":9}"))).isEmpty();
	}

	@Test
	void whenIdIsMissingOrVersionIsNotTwoShouldBeAnInvalidRequestPrintingTheEnvelope() {
		JsonRpcError error = error("{\"jsonrpc\":\"1.0\",\"method\":\"newGid\",\"params\":\"\",\"id\":\"no-use\"}");

		assertThat(error.code()).isEqualTo(JsonRpcCodes.INVALID_REQUEST);
		assertThat(error.getMessage()).isEqualTo(
				"Bad json request: {\"method\":\"newGid\",\"jsonrpc\":\"1.0\",\"params\":\"\",\"id\":\"no-use\"}");
		assertThat(error("{\"jsonrpc\":\"2.0\",\"method\":\"newGid\"}").code()).isEqualTo(JsonRpcCodes.INVALID_REQUEST);
	}

	private static JsonRpcError error(String body) {
		return catchThrowableOfType(JsonRpcError.class, () -> JsonRpcRequest.read(JSON, bytes(body)));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
