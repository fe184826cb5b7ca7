package io.dtm.server.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dtm.server.testsupport.DtmHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the rejection of bad input by the HTTP API: every case answers 400 (or 409
 * where the stored state conflicts) with a message naming the problem, and writes
 * nothing. Subclasses bind the suite to a real store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dtm.server.cron.enabled=false", "dtm.server.strict.grpc-status=true",
				"dtm.server.strict.client-errors=true" })
@Tag("integration")
abstract class AbstractBadInputTests extends AbstractHostileInputTests {

	private static final String BRANCH = "http://127.0.0.1:9/api/busi/";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final ObjectMapper MAPPER = new ObjectMapper();

	@LocalServerPort
	private int port;

	private DtmHttp http;

	private String gid;

	@BeforeEach
	void setUp() {
		this.http = new DtmHttp(this.port);
		this.gid = "bad-input-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet();
	}

	@Test
	void submitWhenJsonIsMalformedShouldAnswer400AndWriteNothing() {
		String body = "{\"gid\":\"" + this.gid + "\",\"trans_type\":\"saga\",\"steps\":[";
		assertRejected("/api/dtmsvr/submit", body, 400, "malformed JSON");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenJsonNestsDeeperThanTheLimitShouldAnswer400AndWriteNothing() {
		String deep = "[".repeat(200) + "]".repeat(200);
		String body = "{\"gid\":\"" + this.gid + "\",\"trans_type\":\"saga\",\"custom\":" + deep + "}";
		assertRejected("/api/dtmsvr/submit", body, 400, "malformed JSON");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenBodyIsNotAnObjectShouldAnswer400() {
		assertRejected("/api/dtmsvr/submit", "[1,2]", 400, "malformed JSON");
	}

	@Test
	void submitWhenGidIsMissingShouldAnswer400() {
		ObjectNode saga = saga();
		saga.remove("gid");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "gid", "missing");
	}

	@Test
	void submitWhenGidIsEmptyShouldAnswer400AndWriteNothing() {
		assertRejected("/api/dtmsvr/submit", saga().put("gid", "").toString(), 400, "gid", "empty");
		assertThat(this.http.get("/api/dtmsvr/all?limit=10000").json().path("transactions"))
			.noneMatch((t) -> t.path("gid").asText().isEmpty());
	}

	@Test
	void submitWhenGidIsLongerThan128CharactersShouldAnswer400AndWriteNothing() {
		String longGid = "g".repeat(129);
		assertRejected("/api/dtmsvr/submit", saga().put("gid", longGid).toString(), 400, "gid", "129", "128");
		assertNothingWritten(longGid);
	}

	@Test
	void submitWhenGidIsOnlyCharactersDtmRemovesShouldAnswer400AndWriteNothing() {
		assertRejected("/api/dtmsvr/submit", saga().put("gid", ";\r\n;").toString(), 400, "gid", "empty");
		assertThat(this.http.get("/api/dtmsvr/all?limit=10000").json().path("transactions"))
			.noneMatch((t) -> t.path("gid").asText().isEmpty());
	}

	@Test
	void submitWhenTransTypeIsUnknownShouldAnswer400AndWriteNothing() {
		assertRejected("/api/dtmsvr/submit", saga().put("trans_type", "sagaa").toString(), 400, "trans_type", "'sagaa'",
				"unknown");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenTransTypeIsMissingShouldAnswer400AndWriteNothing() {
		ObjectNode saga = saga();
		saga.remove("trans_type");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "trans_type", "missing");
		assertNothingWritten(this.gid);
	}

	@Test
	void whenAWorkflowIsPreparedOrSubmittedLikeOtherModesShouldAnswer400AndWriteNothing() {
		ObjectNode workflow = object().put("gid", this.gid)
			.put("trans_type", "workflow")
			.put("custom_data", "{\"name\":\"wf\",\"data\":\"\"}")
			.put("query_prepared", BRANCH + "Workflow");
		assertRejected("/api/dtmsvr/prepare", workflow.toString(), 400, "a workflow is prepared with prepareWorkflow");
		assertRejected("/api/dtmsvr/submit", workflow.toString(), 400,
				"a workflow is submitted with req_extra.status 'succeed' or 'failed'");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenPayloadsAndStepsDifferInLengthShouldAnswer400AndWriteNothing() {
		ObjectNode saga = saga();
		((ArrayNode) saga.get("payloads")).add("{\"extra\":true}");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "steps has 2", "payloads has 3");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenSagaStepHasNoCompensateShouldAnswer400AndWriteNothing() {
		ObjectNode saga = saga();
		((ObjectNode) saga.get("steps").get(1)).remove("compensate");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "steps[1]", "compensate");
		assertNothingWritten(this.gid);
	}

	@Test
	void prepareWhenMsgStepHasNoActionShouldAnswer400AndWriteNothing() {
		ObjectNode msg = msg();
		((ObjectNode) msg.get("steps").get(0)).remove("action");
		assertRejected("/api/dtmsvr/prepare", msg.toString(), 400, "steps[0]", "action");
		assertRejected("/api/dtmsvr/submit", msg.toString(), 400, "steps[0]", "action");
		assertNothingWritten(this.gid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a url", "ftp://x/y", "/a", "http:///no-host" })
	void submitWhenStepUrlIsInvalidShouldAnswer400AndWriteNothing(String url) {
		ObjectNode saga = saga();
		((ObjectNode) saga.get("steps").get(0)).put("action", url);
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "steps[0].action", url);
		assertNothingWritten(this.gid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a url", "ftp://x/y", "/a" })
	void prepareWhenQueryPreparedIsInvalidShouldAnswer400AndWriteNothing(String url) {
		assertRejected("/api/dtmsvr/prepare", msg().put("query_prepared", url).toString(), 400, "query_prepared", url);
		assertNothingWritten(this.gid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "timeout_to_fail", "request_timeout", "retry_interval", "retry_limit" })
	void submitWhenOptionIsNegativeShouldAnswer400AndWriteNothing(String field) {
		assertRejected("/api/dtmsvr/submit", saga().put(field, -1).toString(), 400, field, "negative");
		assertNothingWritten(this.gid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "timeout_to_fail", "request_timeout", "retry_interval", "retry_limit" })
	void prepareWhenOptionIsNegativeShouldAnswer400AndWriteNothing(String field) {
		assertRejected("/api/dtmsvr/prepare", msg().put(field, -5).toString(), 400, field, "negative");
		assertNothingWritten(this.gid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "timeout_to_fail", "request_timeout", "retry_interval" })
	void submitWhenOptionIsBeyondTheLimitShouldAnswer400AndWriteNothing(String field) {
		assertRejected("/api/dtmsvr/submit", saga().put(field, Long.MAX_VALUE).toString(), 400, field, "at most");
		assertNothingWritten(this.gid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "timeout_to_fail", "request_timeout", "retry_interval" })
	void prepareWhenOptionIsBeyondTheLimitShouldAnswer400AndWriteNothing(String field) {
		assertRejected("/api/dtmsvr/prepare", msg().put(field, Long.MAX_VALUE).toString(), 400, field, "at most");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenMsgDelayIsBeyondTheLimitShouldAnswer400AndWriteNothing() {
		ObjectNode msg = msg().put("custom_data", "{\"delay\":" + Long.MAX_VALUE + "}");
		assertRejected("/api/dtmsvr/submit", msg.toString(), 400, "custom_data.delay", "at most");
		assertNothingWritten(this.gid);
	}

	@Test
	void resetCronTimeWhenTimeoutIsBeyondTheLimitShouldAnswer400() {
		DtmHttp.Reply reply = this.http.get("/api/dtmsvr/resetCronTime?timeout=" + Long.MAX_VALUE);
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		assertThat(reply.json().path("message").asText()).contains("timeout", "at most");
	}

	@ParameterizedTest
	@ValueSource(strings = { "createTimeStart", "createTimeEnd" })
	void allWhenCreateTimeIsOutOfRangeShouldAnswer400(String field) {
		DtmHttp.Reply reply = this.http.get("/api/dtmsvr/all?" + field + "=" + Long.MAX_VALUE);
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		assertThat(reply.json().path("message").asText()).contains(field);
	}

	@Test
	void submitWhenPayloadIs100KilobytesShouldStoreTheWholePayload() {
		String payload = "{\"blob\":\"" + "x".repeat(100 * 1024) + "\"}";
		ObjectNode saga = saga();
		saga.putArray("payloads").add(payload).add("{}");
		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/submit", saga.toString());
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode branches = query(this.gid).path("branches");
		assertThat(branches)
			.anySatisfy((b) -> assertThat(b.path("bin_data").asText().length()).isGreaterThanOrEqualTo(100 * 1024));
	}

	@Test
	void submitWhenPayloadExceedsTheLimitShouldAnswer400AndWriteNothing() {
		ObjectNode saga = saga();
		saga.putArray("payloads").add("x".repeat(1024 * 1024 + 1)).add("{}");
		DtmHttp.Reply reply = assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "payload of step 0",
				"1048577 bytes", "max-payload-bytes");
		assertThat(reply.body()).doesNotContainIgnoringCase("sql").doesNotContain("Exception");
		assertNothingWritten(this.gid);
	}

	@Test
	void abortWhenRollbackReasonIsTooLongShouldAnswer400AndKeepTheTransaction() {
		assertThat(this.http.post("/api/dtmsvr/prepare", msg().toString()).status()).isEqualTo(200);
		ObjectNode abort = object().put("gid", this.gid).put("rollback_reason", "r".repeat(2000));
		DtmHttp.Reply reply = assertRejected("/api/dtmsvr/abort", abort.toString(), 400, "rollback_reason", "2000",
				"1024");
		assertThat(reply.body()).doesNotContainIgnoringCase("sql");
		assertThat(query(this.gid).path("transaction").path("status").asText()).isEqualTo("prepared");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "text/plain", "application/x-www-form-urlencoded", "text/plain; charset=utf-8",
			"nonsense", "" })
	void submitWhenContentTypeIsNotJsonShouldStillReadTheBodyAsJson(String contentType) throws Exception {
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/api/dtmsvr/submit"))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(saga().toString()));
		if (!contentType.isEmpty()) {
			request.header("Content-Type", contentType);
		}
		java.net.http.HttpResponse<String> reply = java.net.http.HttpClient.newHttpClient()
			.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
		assertThat(query(this.gid).path("transaction").path("status").asText()).isEqualTo("submitted");
	}

	@Test
	void subscribeWhenSubscribersWouldOverflowTheKvColumnShouldAnswer400AndKeepThemAll() {
		String topic = "big-" + this.gid;
		String remark = "r".repeat(7000);
		int accepted = 0;
		DtmHttp.Reply reply = null;
		for (int i = 0; i < 12; i++) {
			reply = this.http
				.get("/api/dtmsvr/subscribe?topic=" + topic + "&url=" + BRANCH + "sub" + i + "&remark=" + remark);
			if (reply.status() != 200) {
				break;
			}
			accepted++;
		}
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		assertThat(reply.json().path("message").asText()).contains(topic, "65535");
		assertThat(accepted).isBetween(8, 9);
		String stored = this.http.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).body();
		assertThat(stored).contains("busi/sub" + (accepted - 1)).doesNotContain("busi/sub" + accepted);
	}

	@Test
	void submitWhenBodyExceedsTheRequestLimitShouldAnswer413AndWriteNothing() {
		ObjectNode saga = saga();
		String big = "x".repeat(1000 * 1000);
		saga.putArray("payloads").add(big).add(big);
		ArrayNode steps = saga.withArray("steps");
		for (int i = 0; i < 38; i++) {
			steps.addObject().put("action", BRANCH + "A").put("compensate", BRANCH + "C");
			saga.withArray("payloads").add(big);
		}
		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/submit", saga.toString());
		assertThat(reply.status()).as(reply.body()).isEqualTo(413);
		assertThat(reply.json().path("message").asText()).contains("max-request-bytes");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenTimeoutToFailIsNotANumberShouldAnswer400AndWriteNothing() {
		assertRejected("/api/dtmsvr/submit", saga().put("timeout_to_fail", "abc").toString(), 400, "timeout_to_fail",
				"abc");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenStepsIsNotAListShouldAnswer400AndWriteNothing() {
		assertRejected("/api/dtmsvr/submit", saga().put("steps", "TransOut").toString(), 400, "steps");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenCustomDataIsNotJsonShouldAnswer400AndWriteNothing() {
		assertRejected("/api/dtmsvr/submit", saga().put("custom_data", "{concurrent:").toString(), 400, "custom_data",
				"JSON");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenConcurrentOrdersHaveACycleShouldAnswer400AndWriteNothing() {
		ObjectNode saga = saga().put("custom_data", "{\"concurrent\":true,\"orders\":{\"0\":[1],\"1\":[0]}}");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "custom_data.orders", "cycle");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenConcurrentOrdersReferToAMissingStepShouldAnswer400AndWriteNothing() {
		ObjectNode saga = saga().put("custom_data", "{\"concurrent\":true,\"orders\":{\"1\":[2]}}");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "custom_data.orders", "step 2", "2 steps");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenConcurrentOrdersHaveANegativeIndexShouldAnswer400AndWriteNothing() {
		ObjectNode saga = saga().put("custom_data", "{\"concurrent\":true,\"orders\":{\"-1\":[0]}}");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "custom_data.orders", "step -1");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenProtocolIsUnknownShouldAnswer400AndWriteNothing() {
		assertRejected("/api/dtmsvr/submit", saga().put("protocol", "thrift").toString(), 400, "protocol", "'thrift'");
		assertNothingWritten(this.gid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Host", "content-length", "Transfer-Encoding" })
	void submitWhenBranchHeadersSetAForbiddenHeaderShouldAnswer400AndWriteNothing(String header) {
		ObjectNode saga = saga();
		saga.putObject("branch_headers").put("X-Ok", "1").put(header, "evil");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "branch_headers", header);
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenBranchHeaderValueHasALineBreakShouldAnswer400AndWriteNothing() {
		ObjectNode saga = saga();
		saga.putObject("branch_headers").put("X-Ok", "1\r\nX-Injected: 1");
		assertRejected("/api/dtmsvr/submit", saga.toString(), 400, "branch_headers", "X-Ok");
		assertNothingWritten(this.gid);
	}

	@Test
	void submitWhenGidExistsWithAnotherTransTypeShouldAnswer409AndKeepStoredRow() {
		assertThat(this.http.post("/api/dtmsvr/prepare", tcc().toString()).status()).isEqualTo(200);
		JsonNode before = query(this.gid);
		DtmHttp.Reply reply = assertRejected("/api/dtmsvr/submit", saga().toString(), 409, this.gid, "tcc", "saga");
		assertThat(reply.json().path("dtm_result").asText()).isEqualTo("FAILURE");
		assertThat(query(this.gid)).isEqualTo(before);
		assertThat(before.path("transaction").path("status").asText()).isEqualTo("prepared");
	}

	@Test
	void prepareWhenGidExistsWithAnotherTransTypeShouldAnswer409AndKeepStoredRow() {
		assertThat(this.http.post("/api/dtmsvr/prepare", tcc().toString()).status()).isEqualTo(200);
		JsonNode before = query(this.gid);
		assertRejected("/api/dtmsvr/prepare", msg().toString(), 409, this.gid, "tcc", "msg");
		assertThat(query(this.gid)).isEqualTo(before);
	}

	@Test
	void prepareWhenTransTypeIsSagaShouldAnswer400AndWriteNothing() {
		assertRejected("/api/dtmsvr/prepare", saga().toString(), 400, "saga", "prepare");
		assertNothingWritten(this.gid);
	}

	@Test
	void registerBranchWhenValueIsNotAStringShouldAnswer400AndWriteNoBranch() {
		assertThat(this.http.post("/api/dtmsvr/prepare", tcc().toString()).status()).isEqualTo(200);
		JsonNode before = query(this.gid);
		ObjectNode branch = tccBranch().put("branch_id", 1);
		assertRejected("/api/dtmsvr/registerBranch", branch.toString(), 400, "branch_id", "string");
		ObjectNode nested = tccBranch();
		nested.putObject("data").put("amount", 30);
		assertRejected("/api/dtmsvr/registerBranch", nested.toString(), 400, "data", "string");
		assertThat(query(this.gid)).isEqualTo(before);
		assertThat(before.path("branches")).isEmpty();
	}

	@Test
	void registerBranchWhenJsonIsMalformedShouldAnswer400AndWriteNoBranch() {
		assertThat(this.http.post("/api/dtmsvr/prepare", tcc().toString()).status()).isEqualTo(200);
		String body = tccBranch().toString();
		assertRejected("/api/dtmsvr/registerBranch", body.substring(0, body.length() - 1), 400, "malformed JSON");
		assertThat(query(this.gid).path("branches")).isEmpty();
	}

	@Test
	void registerBranchWhenGidIsUnknownShouldAnswer409AndWriteNothing() {
		DtmHttp.Reply reply = assertRejected("/api/dtmsvr/registerBranch", tccBranch().toString(), 409, this.gid,
				"prepared");
		assertThat(reply.json().path("dtm_result").asText()).isEqualTo("FAILURE");
		assertNothingWritten(this.gid);
	}

	@Test
	void registerBranchWhenTransIsNotPreparedShouldAnswer409AndWriteNoBranch() {
		assertThat(this.http.post("/api/dtmsvr/prepare", tcc().toString()).status()).isEqualTo(200);
		assertThat(this.http.post("/api/dtmsvr/forceStop", object().put("gid", this.gid).toString()).status())
			.isEqualTo(200);
		JsonNode before = query(this.gid);
		assertThat(before.path("transaction").path("status").asText()).isEqualTo("failed");
		assertRejected("/api/dtmsvr/registerBranch", tccBranch().toString(), 409, this.gid, "prepared");
		assertThat(query(this.gid)).isEqualTo(before);
		assertThat(before.path("branches")).isEmpty();
	}

	@Test
	void registerBranchWhenTransTypeCannotRegisterShouldAnswer400AndWriteNoBranch() {
		assertThat(this.http.post("/api/dtmsvr/prepare", tcc().toString()).status()).isEqualTo(200);
		assertRejected("/api/dtmsvr/registerBranch", tccBranch().put("trans_type", "saga").toString(), 400,
				"trans_type", "saga");
		assertRejected("/api/dtmsvr/registerBranch", tccBranch().put("trans_type", "nope").toString(), 400,
				"trans_type", "nope");
		assertThat(query(this.gid).path("branches")).isEmpty();
	}

	@Test
	void registerBranchWhenUrlIsInvalidShouldAnswer400AndWriteNoBranch() {
		assertThat(this.http.post("/api/dtmsvr/prepare", tcc().toString()).status()).isEqualTo(200);
		assertRejected("/api/dtmsvr/registerBranch", tccBranch().put("confirm", "not a url").toString(), 400, "confirm",
				"not a url");
		assertThat(query(this.gid).path("branches")).isEmpty();
	}

	private DtmHttp.Reply assertRejected(String path, String body, int status, String... fragments) {
		DtmHttp.Reply reply = this.http.post(path, body);
		assertThat(reply.status()).as("status of %s %s: %s", path, body, reply.body()).isEqualTo(status);
		JsonNode json = reply.json();
		assertThat(json.path("message").isTextual()).as("message in %s", reply.body()).isTrue();
		assertThat(json.path("message").asText()).contains(fragments);
		if (status == 400) {
			assertThat(json.has("dtm_result")).as("400 body %s", reply.body()).isFalse();
			assertThat(json.size()).isEqualTo(1);
		}
		return reply;
	}

	private void assertNothingWritten(String gid) {
		JsonNode query = query(gid);
		assertThat(query.has("transaction")).isTrue();
		assertThat(query.path("transaction").isNull()).as("transaction of %s: %s", gid, query).isTrue();
		assertThat(query.path("branches").isArray()).isTrue();
		assertThat(query.path("branches")).as("branches of %s", gid).isEmpty();
	}

	private JsonNode query(String gid) {
		DtmHttp.Reply reply = this.http.get("/api/dtmsvr/query?gid=" + URLEncoder.encode(gid, StandardCharsets.UTF_8));
		assertThat(reply.status()).as("query of %s: %s", gid, reply.body()).isEqualTo(200);
		return reply.json();
	}

	private ObjectNode saga() {
		ObjectNode saga = object().put("gid", this.gid).put("trans_type", "saga");
		ArrayNode steps = saga.putArray("steps");
		steps.addObject().put("action", BRANCH + "TransOut").put("compensate", BRANCH + "TransOutRevert");
		steps.addObject().put("action", BRANCH + "TransIn").put("compensate", BRANCH + "TransInRevert");
		saga.putArray("payloads").add("{\"amount\":30}").add("{\"amount\":30}");
		return saga;
	}

	private ObjectNode msg() {
		ObjectNode msg = object().put("gid", this.gid).put("trans_type", "msg");
		ArrayNode steps = msg.putArray("steps");
		steps.addObject().put("action", BRANCH + "TransOut");
		steps.addObject().put("action", BRANCH + "TransIn");
		msg.putArray("payloads").add("{\"amount\":30}").add("{\"amount\":30}");
		msg.put("query_prepared", BRANCH + "QueryPrepared");
		return msg;
	}

	private ObjectNode tcc() {
		return object().put("gid", this.gid).put("trans_type", "tcc");
	}

	private ObjectNode tccBranch() {
		return object().put("gid", this.gid)
			.put("trans_type", "tcc")
			.put("branch_id", "01")
			.put("data", "{\"amount\":30}")
			.put("confirm", BRANCH + "TransOutConfirm")
			.put("cancel", BRANCH + "TransOutCancel");
	}

	private static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

}
