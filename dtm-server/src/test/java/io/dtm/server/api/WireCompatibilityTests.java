package io.dtm.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dtm.core.TransRequest;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.TestStores;
import org.json.JSONException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONCompare;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.skyscreamer.jsonassert.JSONCompareResult;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the wire format of every endpoint of the HTTP API: each request in
 * {@code golden/<name>.request.json} is sent to a real coordinator on a fresh H2 store
 * and the answer must equal {@code golden/<name>.response.json} exactly (field names and
 * fixed values, JSONAssert STRICT) once volatile values are replaced by placeholders:
 * times by {@code <time>}, row ids and positions by {@code <id>}, the lease owner by
 * {@code <owner>} and a generated gid by {@code <gid>}. Branch URLs point at a
 * {@link ScriptedParticipant}; its address is written {@code {{participant}}} in both
 * files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dtm.server.cron.enabled=false")
@Tag("integration")
class WireCompatibilityTests {

	private static final String PARTICIPANT = "{{participant}}";

	private static final Set<String> TIME_FIELDS = Set.of("create_time", "update_time", "finish_time", "rollback_time",
			"next_cron_time");

	private static final Pattern RFC_3339 = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})");

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static ScriptedParticipant participant;

	@LocalServerPort
	private int port;

	private DtmHttp http;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@BeforeAll
	static void startParticipant() {
		participant = ScriptedParticipant.start();
		participant.always("/Ongoing", ScriptedParticipant.Reply.ongoing());
	}

	@AfterAll
	static void stopParticipant() {
		participant.close();
	}

	@BeforeEach
	void client() {
		this.http = new DtmHttp(this.port);
	}

	@Test
	void newGidShouldAnswerGidAndSuccess() {
		DtmHttp.Reply reply = this.http.get("/api/dtmsvr/newGid");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("gid").asText()).matches("[0-9A-Za-z]{22}");
		ObjectNode body = (ObjectNode) reply.json();
		body.put("gid", "<gid>");
		assertGolden("new-gid", body);
	}

	@Test
	void versionShouldAnswerVersion() {
		assertGet("/api/dtmsvr/version", 200, "version");
	}

	@Test
	void prepareWhenMsgIsNewShouldAnswerSuccessAndStoreBranches() {
		assertPost("/api/dtmsvr/prepare", "prepare-msg", 200);
		assertGet("/api/dtmsvr/query?gid=wire-prepare-msg", 200, "query-msg-prepared");
	}

	@Test
	void submitWhenMsgIsPreparedShouldAnswerSuccessAndDeliverSteps() {
		assertPost("/api/dtmsvr/prepare", "submit-msg-prepare", 200);
		assertPost("/api/dtmsvr/submit", "submit-msg", 200);
		assertGet("/api/dtmsvr/query?gid=wire-submit-msg", 200, "query-msg-succeed");
	}

	@Test
	void submitWhenSagaIsNewShouldAnswerSuccessAndQueryShouldShowTransactionAndBranches() {
		assertPost("/api/dtmsvr/submit", "submit-saga", 200);
		assertGet("/api/dtmsvr/query?gid=wire-saga", 200, "query-saga");
	}

	@Test
	void submitWhenRequestHasUnknownFieldsShouldIgnoreThem() {
		assertPost("/api/dtmsvr/submit", "submit-unknown-fields", 200);
		assertGet("/api/dtmsvr/query?gid=wire-unknown-fields", 200, "query-unknown-fields");
	}

	@Test
	void transRequestWhenUnknownFieldsAreSentShouldIgnoreThem() throws IOException {
		String json = load("submit-unknown-fields.request.json");
		assertThat(MAPPER.readTree(json).has("subType")).isTrue();
		assertThat(MAPPER.readTree(json).has("passthrough_headers")).isTrue();
		ObjectNode known = (ObjectNode) MAPPER.readTree(json);
		known.remove("subType");
		known.remove("passthrough_headers");
		TransRequest withUnknown = MAPPER.readValue(json, TransRequest.class);
		TransRequest withoutUnknown = MAPPER.treeToValue(known, TransRequest.class);
		assertThat(withUnknown).isEqualTo(withoutUnknown);
		assertThat(withUnknown.branchHeaders()).isNull();
	}

	@Test
	void abortWhenMsgIsPreparedShouldAnswerSuccessAndFailIt() {
		assertPost("/api/dtmsvr/prepare", "abort-msg-prepare", 200);
		assertPost("/api/dtmsvr/abort", "abort-msg", 200);
		assertGet("/api/dtmsvr/query?gid=wire-abort-msg", 200, "query-msg-aborted");
	}

	@Test
	void abortWhenTccIsPreparedShouldAnswerSuccessAndCancelBranches() {
		assertPost("/api/dtmsvr/prepare", "abort-tcc-prepare", 200);
		assertPost("/api/dtmsvr/registerBranch", "abort-tcc-register-branch", 200);
		assertPost("/api/dtmsvr/abort", "abort-tcc", 200);
		assertGet("/api/dtmsvr/query?gid=wire-abort-tcc", 200, "query-tcc-aborted");
	}

	@Test
	void registerBranchWhenTccIsPreparedShouldStoreCancelAndConfirm() {
		assertPost("/api/dtmsvr/prepare", "register-branch-tcc-prepare", 200);
		assertPost("/api/dtmsvr/registerBranch", "register-branch-tcc", 200);
		assertGet("/api/dtmsvr/query?gid=wire-register-tcc", 200, "query-tcc-registered");
	}

	@Test
	void registerBranchWhenXaIsPreparedShouldStoreRollbackAndCommit() {
		assertPost("/api/dtmsvr/prepare", "register-branch-xa-prepare", 200);
		assertPost("/api/dtmsvr/registerBranch", "register-branch-xa", 200);
		assertGet("/api/dtmsvr/query?gid=wire-register-xa", 200, "query-xa-registered");
	}

	@Test
	void queryWhenGidIsUnknownShouldAnswerNullTransactionAndNoBranches() {
		assertGet("/api/dtmsvr/query?gid=wire-unknown", 200, "query-unknown");
	}

	@Test
	void allWhenPagedShouldAnswerTransactionsNewestFirstAndNextPosition() {
		assertPost("/api/dtmsvr/prepare", "all-first", 200);
		assertPost("/api/dtmsvr/prepare", "all-second", 200);
		long newest = this.http.get("/api/dtmsvr/query?gid=wire-all-2").json().path("transaction").path("id").asLong();
		assertGet("/api/dtmsvr/all?limit=2&position=" + (newest + 1), 200, "all");
		assertGet("/api/dtmsvr/all?gid=wire-all-1", 200, "all-by-gid");
	}

	@Test
	void forceStopWhenTransIsPreparedShouldAnswerSuccessAndFailIt() {
		assertPost("/api/dtmsvr/prepare", "force-stop-prepare", 200);
		assertPost("/api/dtmsvr/forceStop", "force-stop", 200);
		assertGet("/api/dtmsvr/query?gid=wire-force-stop", 200, "query-force-stopped");
	}

	@Test
	void resetNextCronTimeWhenTransIsUnfinishedShouldAnswerSuccess() {
		assertPost("/api/dtmsvr/prepare", "reset-next-cron-time-prepare", 200);
		assertPost("/api/dtmsvr/resetNextCronTime", "reset-next-cron-time", 200);
	}

	@Test
	void resetCronTimeWhenTransIsScheduledFarAwayShouldAnswerCounts() {
		assertPost("/api/dtmsvr/prepare", "reset-cron-time-prepare", 200);
		assertGet("/api/dtmsvr/resetCronTime?timeout=432000&limit=2", 200, "reset-cron-time");
		assertGet("/api/dtmsvr/resetCronTime?timeout=432000&limit=2", 200, "reset-cron-time-again");
	}

	@Test
	void pingShouldAnswerPong() {
		assertGet("/api/ping", 200, "ping");
	}

	@Test
	void healthWhenStoreAnswersShouldAnswerSuccess() {
		assertGet("/api/health", 200, "health");
	}

	@Test
	void submitWhenSagaAlreadySucceededShouldAnswer409Failure() {
		assertPost("/api/dtmsvr/submit", "error-409-setup", 200);
		assertPost("/api/dtmsvr/submit", "error-409", 409);
	}

	@Test
	void submitWhenSagaBranchAnswersOngoingShouldAnswer409AsDtm() {
		assertPost("/api/dtmsvr/submit", "error-425", 409);
	}

	@Test
	void resetNextCronTimeWhenTransIsFinishedShouldAnswerSuccess() {
		String saga = load("error-409-setup.request.json").replace(PARTICIPANT, participant.url(""))
			.replace("wire-conflict", "wire-reset-finished");
		assertThat(this.http.post("/api/dtmsvr/submit", saga).status()).isEqualTo(200);
		DtmHttp.Reply reply = this.http.post("/api/dtmsvr/resetNextCronTime", "{\"gid\":\"wire-reset-finished\"}");
		assertThat(reply.status()).isEqualTo(200);
		assertGolden("reset-next-cron-time", reply.json());
	}

	@Test
	void submitWhenGidIsMissingShouldAnswer400WithMessage() {
		assertPost("/api/dtmsvr/submit", "error-400", 400);
	}

	@Test
	void submitWhenOptionHasWrongTypeShouldAnswer400NamingTheField() {
		assertPost("/api/dtmsvr/submit", "error-400-type-mismatch", 400);
		assertGet("/api/dtmsvr/query?gid=wire-type-mismatch", 200, "query-unknown");
	}

	@Test
	void topicEndpointsShouldAnswerAsDtmAndStoreSubscribersAsKv() {
		String url = "http://subscriber.example/api/notify";
		assertGet("/api/dtmsvr/subscribe?topic=wire-topic&url=" + url + "&remark=first", 200, "subscribe");
		assertGet("/api/dtmsvr/subscribe?topic=wire-topic&url=" + url + "2", 200, "subscribe");
		assertGet("/api/dtmsvr/queryKV?cat=topics&key=wire-topic", 200, "query-kv-topic");
		assertGet("/api/dtmsvr/scanKV?cat=topics&limit=10", 200, "scan-kv-topics");
		assertGet("/api/dtmsvr/unsubscribe?topic=wire-topic&url=" + url + "2", 200, "subscribe");
		DtmHttp.Reply deleted = this.http.delete("/api/dtmsvr/topic/wire-topic");
		assertThat(deleted.status()).isEqualTo(200);
		assertGolden("subscribe", deleted.json());
		assertGet("/api/dtmsvr/queryKV?cat=topics&key=wire-topic", 200, "query-kv-empty");
	}

	private void assertPost(String path, String name, int status) {
		String body = load(name + ".request.json").replace(PARTICIPANT, participant.url(""));
		DtmHttp.Reply reply = this.http.post(path, body);
		assertThat(reply.status()).as("HTTP status of %s: %s", name, reply.body()).isEqualTo(status);
		assertGolden(name, reply.json());
	}

	private void assertGet(String pathAndQuery, int status, String name) {
		DtmHttp.Reply reply = this.http.get(pathAndQuery);
		assertThat(reply.status()).as("HTTP status of %s: %s", name, reply.body()).isEqualTo(status);
		assertGolden(name, reply.json());
	}

	private void assertGolden(String name, JsonNode actual) {
		String expected = load(name + ".response.json");
		String normalised = normalise(actual).toPrettyString();
		JSONCompareResult result;
		try {
			result = JSONCompare.compareJSON(expected, normalised, JSONCompareMode.STRICT);
		}
		catch (JSONException ex) {
			throw new IllegalStateException("golden/" + name + ".response.json is not JSON", ex);
		}
		assertThat(result.passed())
			.as("golden/%s.response.json differs: %s%nactual (normalised):%n%s", name, result.getMessage(), normalised)
			.isTrue();
	}

	private JsonNode normalise(JsonNode node) {
		if (node.isObject()) {
			ObjectNode object = (ObjectNode) node;
			Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				JsonNode value = field.getValue();
				String key = field.getKey();
				if (TIME_FIELDS.contains(key) && value.isTextual()) {
					assertThat(value.asText()).as(key).matches(RFC_3339);
					field.setValue(TextNode.valueOf("<time>"));
				}
				else if ("id".equals(key) && value.isNumber()) {
					assertThat(value.asLong()).as(key).isPositive();
					field.setValue(TextNode.valueOf("<id>"));
				}
				else if ("next_position".equals(key) && !value.asText().isEmpty()) {
					assertThat(value.asText()).as(key).matches("\\d+");
					field.setValue(TextNode.valueOf("<id>"));
				}
				else if ("owner".equals(key) && value.isTextual()) {
					field.setValue(TextNode.valueOf("<owner>"));
				}
				else {
					field.setValue(normalise(value));
				}
			}
			return object;
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				((ArrayNode) node).set(i, normalise(node.get(i)));
			}
			return node;
		}
		if (node.isTextual()) {
			return TextNode.valueOf(node.asText().replace(participant.url(""), PARTICIPANT));
		}
		return node;
	}

	private static String load(String file) {
		try (InputStream in = WireCompatibilityTests.class.getResourceAsStream("/golden/" + file)) {
			assertThat(in).as("golden/" + file + " exists").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
