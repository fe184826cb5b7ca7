package io.dtm.server.protocol;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant.Call;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dtm's JSON-RPC protocol end to end: transactions driven through
 * {@code POST /api/json-rpc} with {@code protocol: json-rpc}, whose branches are called
 * over JSON-RPC on a scripted participant (which records each request and answers
 * scripted JSON-RPC replies), and the endpoint's error answers; subclasses bind it to a
 * store.
 */
abstract class AbstractJsonRpcProtocolTests extends ProtocolTestSupport {

	private static final String OK = "{\"jsonrpc\":\"2.0\",\"id\":\"any\",\"result\":{}}";

	private static final String ANSWER_OK = "{\"error\":null,\"id\":\"t-1\",\"jsonrpc\":\"2.0\",\"result\":null}";

	@Test
	void newGidShouldAnswerAGidInTheResultWhateverTheContentType() {
		DtmHttp.Reply reply = rawPost("{\"jsonrpc\":\"2.0\",\"id\":\"t-1\",\"method\":\"newGid\",\"params\":\"\"}",
				"text/plain");

		assertThat(reply.status()).isEqualTo(200);
		JsonNode answer = reply.json();
		assertThat(answer.fieldNames()).toIterable().containsExactly("error", "id", "jsonrpc", "result");
		assertThat(answer.path("error").isNull()).isTrue();
		assertThat(answer.path("id").asText()).isEqualTo("t-1");
		assertThat(answer.path("result").path("gid").asText()).matches("[0-9A-Za-z]{22}");
	}

	@Test
	void sagaWhenEveryActionSucceedsShouldCallJsonRpcBranchesAndAnswerNullResult() {
		String gid = gid("jrpc-saga-ok");
		DtmHttp.Reply reply = rpc("submit", saga(gid, "wait_result", true));

		assertThat(reply.body()).isEqualTo(ANSWER_OK);
		assertThat(rpcTrace(gid)).containsExactly("TransOut:action", "TransIn:action");
		Call out = rpcCalls(gid).get(0);
		assertThat(out.method()).isEqualTo("POST");
		assertThat(out.path()).isEqualTo("/" + gid + "/TransOut");
		assertThat(out.query()).containsExactly(Map.entry("method", "TransOut"));
		assertThat(out.headers()).containsEntry("content-type", "application/json");
		String id = json(out.body()).path("id").asText();
		assertThat(id).matches("[0-9A-Za-z]{22}");
		assertThat(out.body()).isEqualTo("{\"id\":\"" + id + "\",\"jsonrpc\":\"2.0\",\"method\":\"TransOut\","
				+ "\"params\":{\"amount\":30,\"branch_id\":\"01\",\"gid\":\"" + gid
				+ "\",\"op\":\"action\",\"trans_type\":\"saga\"}}");
		assertThat(json(rpcCalls(gid).get(1).body()).path("id").asText()).isNotEqualTo(id);
		JsonNode stored = query(gid);
		assertThat(stored.path("transaction").path("status").asText()).isEqualTo("succeed");
		assertThat(stored.path("transaction").path("protocol").asText()).isEqualTo("json-rpc");
		assertThat(stored.path("branches")).extracting((b) -> b.path("op").asText() + ":" + b.path("status").asText())
			.containsExactly("compensate:prepared", "action:succeed", "compensate:prepared", "action:succeed");
	}

	@Test
	void sagaWhenAnActionAnswersTheFailureCodeShouldCompensateAndAnswerMinus32901() {
		String gid = gid("jrpc-saga-fail");
		Map<String, Object> saga = saga(gid, "wait_result", true);
		always(gid, "/TransIn", rpcError(-32901, "no account"));

		DtmHttp.Reply reply = rpc("submit", saga);

		JsonNode answer = reply.json();
		assertThat(reply.status()).isEqualTo(200);
		assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32901);
		assertThat(answer.path("error").path("message").asText()).contains("no account");
		assertThat(answer.path("result").isObject()).isTrue();
		assertThat(answer.path("result")).isEmpty();
		assertThat(rpcTrace(gid)).containsExactly("TransOut:action", "TransIn:action", "TransInRevert:compensate",
				"TransOutRevert:compensate");
		assertThat(this.dtm.status(gid)).isEqualTo("failed");
		DtmHttp.Reply again = rpc("submit", saga(gid));
		assertThat(again.json().path("error").path("code").asInt()).isEqualTo(-32901);
		assertThat(again.json().path("error").path("message").asText())
			.isEqualTo("current status 'failed', cannot sumbmit");
	}

	@Test
	void sagaWhenAnActionAnswersOngoingOrAnotherErrorShouldRetryItAndSucceed() {
		String gid = gid("jrpc-saga-retry");
		Map<String, Object> saga = saga(gid);
		script(gid, "/TransIn", rpcError(-32902, "later"), rpcError(-23977, "other"));

		rpc("submit", saga);

		awaitStatus(gid, "succeed", Duration.ofSeconds(15));
		assertThat(rpcTrace(gid)).containsExactly("TransOut:action", "TransIn:action", "TransIn:action",
				"TransIn:action");
	}

	@Test
	void msgWhenPreparedThenSubmittedShouldCallJsonRpcAndPlainHttpStepsEachByItsUrl() {
		String gid = gid("jrpc-msg-ok");
		Map<String, Object> msg = body("gid", gid, "trans_type", "msg", "protocol", "json-rpc", "steps",
				List.of(Map.of("action", url(gid, "/PlainOut")), Map.of("action", rpcUrl(gid, "TransIn"))), "payloads",
				List.of("{\"amount\":30}", "{\"amount\":30}"), "query_prepared", url(gid, "/QueryPrepared"));
		assertThat(rpc("prepare", msg).body()).isEqualTo(ANSWER_OK);

		msg.put("wait_result", true);
		assertThat(rpc("submit", msg).body()).isEqualTo(ANSWER_OK);

		Call plain = callsTo(gid, "/PlainOut").get(0);
		assertThat(plain.query()).containsEntry("gid", gid).containsEntry("op", "action");
		assertThat(plain.body()).isEqualTo("{\"amount\":30}");
		JsonNode in = json(rpcCalls(gid).get(0).body());
		assertThat(in.path("method").asText()).isEqualTo("TransIn");
		assertThat(in.path("params").toString()).isEqualTo("{\"amount\":30,\"branch_id\":\"02\",\"gid\":\"" + gid
				+ "\",\"op\":\"action\",\"trans_type\":\"msg\"}");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void msgCheckBackOverJsonRpcWhenItAnswersTheFailureCodeShouldFailTheMsg() {
		String gid = gid("jrpc-msg-cb");
		always(gid, "/QueryPrepared", rpcError(-32901, "not committed"));
		Map<String, Object> msg = body("gid", gid, "trans_type", "msg", "protocol", "json-rpc", "steps",
				List.of(Map.of("action", rpcUrl(gid, "TransIn"))), "payloads", List.of("{\"amount\":30}"),
				"query_prepared", rpcUrl(gid, "QueryPrepared"), "timeout_to_fail", 1);
		assertThat(rpc("prepare", msg).body()).isEqualTo(ANSWER_OK);

		awaitStatus(gid, "failed", Duration.ofSeconds(10));

		assertThat(rpcTrace(gid)).containsExactly("QueryPrepared:msg");
		JsonNode check = json(rpcCalls(gid).get(0).body());
		assertThat(check.path("params").toString())
			.isEqualTo("{\"branch_id\":\"00\",\"gid\":\"" + gid + "\",\"op\":\"msg\",\"trans_type\":\"msg\"}");
	}

	@Test
	void msgWhenAbortedWhilePreparedShouldFailWithoutCalls() {
		String gid = gid("jrpc-msg-abort");
		rpc("prepare",
				body("gid", gid, "trans_type", "msg", "protocol", "json-rpc", "steps",
						List.of(Map.of("action", rpcUrl(gid, "TransIn"))), "payloads", List.of("{}"), "query_prepared",
						rpcUrl(gid, "QueryPrepared")));

		assertThat(rpc("abort", body("gid", gid, "trans_type", "msg")).body()).isEqualTo(ANSWER_OK);

		assertThat(this.dtm.status(gid)).isEqualTo("failed");
		assertThat(rpcCalls(gid)).isEmpty();
	}

	@Test
	void tccWhenSubmittedShouldConfirmOverJsonRpcInReverseOrder() {
		String gid = gid("jrpc-tcc-ok");
		prepareTcc(gid, "01", "02");

		assertThat(rpc("submit", body("gid", gid, "trans_type", "tcc", "wait_result", true)).body())
			.isEqualTo(ANSWER_OK);

		assertThat(rpcTrace(gid)).containsExactly("Confirm02:confirm", "Confirm01:confirm");
		assertThat(json(rpcCalls(gid).get(1).body()).path("params").toString()).isEqualTo("{\"branch\":\"01\","
				+ "\"branch_id\":\"01\",\"gid\":\"" + gid + "\",\"op\":\"confirm\",\"trans_type\":\"tcc\"}");
		assertThat(this.dtm.status(gid)).isEqualTo("succeed");
	}

	@Test
	void tccWhenAbortedShouldCancelOverJsonRpcAndFail() {
		String gid = gid("jrpc-tcc-abort");
		prepareTcc(gid, "01", "02");

		assertThat(rpc("abort",
				body("gid", gid, "trans_type", "tcc", "wait_result", true, "rollback_reason", "try failed"))
			.body()).isEqualTo(ANSWER_OK);

		assertThat(rpcTrace(gid)).containsExactly("Cancel02:cancel", "Cancel01:cancel");
		JsonNode transaction = query(gid).path("transaction");
		assertThat(transaction.path("status").asText()).isEqualTo("failed");
		assertThat(transaction.path("rollback_reason").asText()).isEqualTo("try failed");
		DtmHttp.Reply again = rpc("abort", body("gid", gid, "trans_type", "tcc"));
		assertThat(again.json().path("error").path("code").asInt()).isEqualTo(-32901);
	}

	@Test
	void whenBodyIsNotJsonShouldAnswerParseError() {
		DtmHttp.Reply reply = rawPost("hello", "application/json");

		assertThat(reply.status()).isEqualTo(200);
		JsonNode answer = reply.json();
		assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32700);
		assertThat(answer.path("error").path("message").asText()).startsWith("Parse json error: ");
		assertThat(answer.path("id").asText()).isEmpty();
		assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
		assertThat(answer.path("result").isNull()).isTrue();
	}

	@Test
	void whenVersionIsNotTwoShouldAnswerInvalidRequest() {
		DtmHttp.Reply reply = rawPost("{\"jsonrpc\":\"1.0\",\"method\":\"newGid\",\"params\":\"\",\"id\":\"no-use\"}",
				"application/json");

		assertThat(reply.body()).isEqualTo("{\"error\":{\"code\":-32600,\"message\":\"Bad json request: "
				+ "{\\\"method\\\":\\\"newGid\\\",\\\"jsonrpc\\\":\\\"1.0\\\",\\\"params\\\":\\\"\\\","
				+ "\\\"id\\\":\\\"no-use\\\"}\"},\"id\":\"no-use\",\"jsonrpc\":\"2.0\",\"result\":null}");
	}

	@Test
	void whenMethodIsUnknownShouldAnswerMethodNotFound() {
		DtmHttp.Reply reply = rawPost(
				"{\"jsonrpc\":\"2.0\",\"method\":\"not-exists\",\"params\":\"\",\"id\":\"no-use\"}",
				"application/json");

		assertThat(reply.body()).isEqualTo("{\"error\":{\"code\":-32601,\"message\":\"Method not found: not-exists\"},"
				+ "\"id\":\"no-use\",\"jsonrpc\":\"2.0\",\"result\":null}");
	}

	@Test
	void whenParamsAreBadShouldAnswerInternalErrorAndWriteNothing() {
		String gid = gid("jrpc-bad");
		DtmHttp.Reply unknownType = rpc("registerBranch", body("gid", gid, "trans_type", "not-exists"));
		DtmHttp.Reply notObject = rpc("prepare", "");
		DtmHttp.Reply badProtocol = rpc("submit", saga(gid, "protocol", "thrift"));

		assertThat(unknownType.body()).isEqualTo("{\"error\":{\"code\":-32603,\"message\":"
				+ "\"trans_type 'not-exists' cannot register branches\"},\"id\":\"t-1\",\"jsonrpc\":\"2.0\",\"result\":{}}");
		assertThat(notObject.body()).isEqualTo("{\"error\":{\"code\":-32603,\"message\":"
				+ "\"params must be a JSON object, not a JSON string\"},\"id\":\"t-1\",\"jsonrpc\":\"2.0\",\"result\":null}");
		assertThat(badProtocol.json().path("error").path("code").asInt()).isEqualTo(-32603);
		assertThat(badProtocol.json().path("error").path("message").asText())
			.isEqualTo("protocol 'thrift' is not supported; only http, json-rpc and grpc");
		assertThat(query(gid).path("transaction").isNull()).isTrue();
	}

	private void prepareTcc(String gid, String... branchIds) {
		assertThat(rpc("prepare", body("gid", gid, "trans_type", "tcc", "protocol", "json-rpc")).body())
			.isEqualTo(ANSWER_OK);
		for (String branchId : branchIds) {
			assertThat(rpc("registerBranch",
					body("gid", gid, "trans_type", "tcc", "branch_id", branchId, "confirm",
							rpcUrl(gid, "Confirm" + branchId), "cancel", rpcUrl(gid, "Cancel" + branchId), "data",
							"{\"branch\":\"" + branchId + "\"}"))
				.body()).isEqualTo(ANSWER_OK);
		}
	}

	/** A saga whose four URLs are JSON-RPC methods of the participant. */
	private static Map<String, Object> saga(String gid, Object... extra) {
		for (String method : List.of("TransOut", "TransOutRevert", "TransIn", "TransInRevert")) {
			participant.always("/" + gid + "/" + method, rpcReply());
		}
		Map<String, Object> body = body("gid", gid, "trans_type", "saga", "protocol", "json-rpc", "steps",
				List.of(Map.of("action", rpcUrl(gid, "TransOut"), "compensate", rpcUrl(gid, "TransOutRevert")),
						Map.of("action", rpcUrl(gid, "TransIn"), "compensate", rpcUrl(gid, "TransInRevert"))),
				"payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
		for (int i = 0; i < extra.length; i += 2) {
			body.put((String) extra[i], extra[i + 1]);
		}
		return body;
	}

	/** The participant's JSON-RPC URL of a method, at a path unique to the gid. */
	private static String rpcUrl(String gid, String method) {
		return url(gid, "/" + method) + "?method=" + method;
	}

	private static Reply rpcReply() {
		return new Reply(200, OK, Duration.ZERO);
	}

	private static Reply rpcError(int code, String message) {
		return new Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":\"any\",\"error\":{\"code\":" + code + ",\"message\":\""
				+ message + "\"}}", Duration.ZERO);
	}

	/** The JSON-RPC requests the participant got for a gid, in arrival order. */
	private static List<Call> rpcCalls(String gid) {
		return participant.calls()
			.stream()
			.filter((call) -> call.path().startsWith("/" + gid + "/") && call.query().containsKey("method"))
			.toList();
	}

	/** {@code method:op} of each JSON-RPC request of a gid. */
	private static List<String> rpcTrace(String gid) {
		return rpcCalls(gid).stream().map((call) -> {
			JsonNode request = json(call.body());
			return request.path("method").asText() + ":" + request.path("params").path("op").asText();
		}).toList();
	}

	private DtmHttp.Reply rpc(String method, Object params) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("jsonrpc", "2.0");
		envelope.put("id", "t-1");
		envelope.put("method", method);
		envelope.put("params", params);
		try {
			return this.dtm.post("/api/json-rpc", JSON.writeValueAsString(envelope));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private DtmHttp.Reply rawPost(String body, String contentType) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/json-rpc"))
					.header("Content-Type", contentType)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			return new DtmHttp.Reply(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode json(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
