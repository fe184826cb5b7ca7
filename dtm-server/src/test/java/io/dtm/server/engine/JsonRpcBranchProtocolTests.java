package io.dtm.server.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonRpcBranchProtocolTests {

	private final JsonRpcBranchProtocol protocol = new JsonRpcBranchProtocol(new ObjectMapper());

	@Test
	void whenProtocolIsJsonRpcAndUrlHasMethodShouldApply() {
		assertThat(JsonRpcBranchProtocol.appliesTo(request("json-rpc", "http://p/api/json-rpc?method=TransIn", "")))
			.isTrue();
		assertThat(JsonRpcBranchProtocol.appliesTo(request("json-rpc", "http://p/api/TransIn", ""))).isFalse();
		assertThat(JsonRpcBranchProtocol.appliesTo(request("http", "http://p/api/json-rpc?method=TransIn", "")))
			.isFalse();
		assertThat(JsonRpcBranchProtocol.appliesTo(request("json-rpc", "http://p/method/x", ""))).isTrue();
	}

	@Test
	void whenUrlNamesAMethodShouldUseItsDecodedQueryParameter() {
		assertThat(JsonRpcBranchProtocol.method("http://p/rpc?a=1&method=Trans%2EIn&b=2")).isEqualTo("Trans.In");
		assertThat(JsonRpcBranchProtocol.method("http://p/method/x")).isEmpty();
		assertThat(JsonRpcBranchProtocol.method("http://p/rpc?methods=x")).isEmpty();
	}

	@Test
	void whenPayloadIsAnObjectShouldSendItAsParamsWithTheBranchFieldsInSortedOrder() {
		byte[] body = this.protocol.requestBody(request("json-rpc", "http://p/rpc?method=TransIn",
				"{\"b\":{\"z\":1,\"y\":2},\"amount\":30,\"gid\":\"x\"}"), "id-1");

		assertThat(new String(body, StandardCharsets.UTF_8))
			.isEqualTo("{\"id\":\"id-1\",\"jsonrpc\":\"2.0\",\"method\":\"TransIn\",\"params\":{\"amount\":30,"
					+ "\"b\":{\"y\":2,\"z\":1},\"branch_id\":\"01\",\"gid\":\"g1\",\"op\":\"action\","
					+ "\"trans_type\":\"saga\"}}");
	}

	@Test
	void whenPayloadIsEmptyShouldSendOnlyTheBranchFields() {
		byte[] body = this.protocol.requestBody(request("json-rpc", "http://p/rpc?method=Q", ""), "i");

		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"i\",\"jsonrpc\":\"2.0\","
				+ "\"method\":\"Q\",\"params\":{\"branch_id\":\"01\",\"gid\":\"g1\",\"op\":\"action\",\"trans_type\":\"saga\"}}");
	}

	@Test
	void whenPayloadIsNotAnObjectShouldRefuseToBuildTheRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.protocol.requestBody(request("json-rpc", "http://p/rpc?method=Q", "[1]"), "i"))
			.withMessageContaining("not a JSON object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.protocol.requestBody(request("json-rpc", "http://p/rpc?method=Q", "nope"), "i"));
	}

	@Test
	void whenReplyHasNoErrorShouldSucceed() {
		assertThat(this.protocol.outcome(200, "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{}}"))
			.isEqualTo(BranchOutcome.SUCCESS);
		assertThat(this.protocol.outcome(200, "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"error\":null}"))
			.isEqualTo(BranchOutcome.SUCCESS);
		assertThat(this.protocol.outcome(200, "null")).isEqualTo(BranchOutcome.SUCCESS);
	}

	@Test
	void whenReplyErrorCodeIsDtmsShouldMapToFailureOrOngoing() {
		assertThat(this.protocol.outcome(200, "{\"error\":{\"code\":-32901,\"message\":\"no\"}}"))
			.isEqualTo(BranchOutcome.FAILURE);
		assertThat(this.protocol.outcome(200, "{\"error\":{\"code\":-32902,\"message\":\"later\"}}"))
			.isEqualTo(BranchOutcome.ONGOING);
		assertThat(this.protocol.outcome(200, "{\"error\":{\"code\":-32603,\"message\":\"boom\"}}"))
			.isEqualTo(BranchOutcome.ERROR);
		assertThat(this.protocol.outcome(200, "{\"error\":\"boom\"}")).isEqualTo(BranchOutcome.ERROR);
	}

	@Test
	void whenReplyCarriesAJsonRpcErrorItsCodeShouldBeTheCallsCodeElseTheHttpStatus() {
		assertThat(this.protocol.code(200, "{\"error\":{\"code\":-32901,\"message\":\"no\"}}")).isEqualTo("-32901");
		assertThat(this.protocol.code(200, "{\"error\":{\"code\":-32603,\"message\":\"boom\"}}")).isEqualTo("-32603");
		assertThat(this.protocol.code(200, "{\"error\":\"boom\"}")).isEqualTo("200");
		assertThat(this.protocol.code(200, "{\"result\":{}}")).isEqualTo("200");
		assertThat(this.protocol.code(200, "not json with \"error\"")).isEqualTo("200");
		assertThat(this.protocol.code(500, "{\"error\":{\"code\":-32603}}")).isEqualTo("500");
	}

	@Test
	void whenReplyIsReadAsHttpFirstShouldFollowStatusAndDtmResultText() {
		assertThat(this.protocol.outcome(409, "{}")).isEqualTo(BranchOutcome.FAILURE);
		assertThat(this.protocol.outcome(425, "{}")).isEqualTo(BranchOutcome.ONGOING);
		assertThat(this.protocol.outcome(500, "{}")).isEqualTo(BranchOutcome.ERROR);
		assertThat(this.protocol.outcome(200, "{\"error\":{\"code\":1,\"message\":\"FAILURE\"}}"))
			.isEqualTo(BranchOutcome.FAILURE);
	}

	@Test
	void whenReplyIsNotAJsonObjectShouldBeAnError() {
		assertThat(this.protocol.outcome(200, "")).isEqualTo(BranchOutcome.ERROR);
		assertThat(this.protocol.outcome(200, "ok")).isEqualTo(BranchOutcome.ERROR);
		assertThat(this.protocol.outcome(200, "[]")).isEqualTo(BranchOutcome.ERROR);
	}

	private static BranchRequest request(String protocol, String url, String payload) {
		return new BranchRequest(url, "g1", TransType.SAGA, "01", BranchOp.ACTION,
				payload.getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ofSeconds(2), protocol);
	}

}
