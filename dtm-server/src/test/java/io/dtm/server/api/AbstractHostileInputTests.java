package io.dtm.server.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransOptions;
import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.DtmHttp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every endpoint of dtm's API: each field of each HTTP, JSON-RPC
 * and gRPC call gets injection strings, control and unicode characters, over-long text,
 * negative and huge numbers and wrong JSON types. No answer may be a server error; a
 * refusal is a 4xx with a message (gRPC, with {@code dtm.server.strict.grpc-status}: any
 * status but {@code INTERNAL}, with a description and no Java exception text) and writes
 * nothing; what is accepted is legal input, stored as sent; the coordinator is healthy
 * afterwards. Subclasses (the bad-input suites) bind it to a store.
 */
abstract class AbstractHostileInputTests {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	/** The values every field gets. */
	static final List<JsonNode> VALUES = List.of(JSON.textNode("' OR '1'='1"),
			JSON.textNode("\"; DROP TABLE trans_global; --"), JSON.textNode("<script>alert(1)</script>"),
			JSON.textNode("${jndi:ldap://127.0.0.1:9/a}"), JSON.textNode("../../../../etc/passwd"),
			JSON.textNode("nul\u0000byte"), JSON.textNode("\r\nX-Injected: 1"), JSON.textNode("\u202Eevil\u202C😀"),
			JSON.textNode("x".repeat(5000)), JSON.textNode(""), JSON.numberNode(-1), JSON.numberNode(Long.MIN_VALUE),
			JSON.numberNode(Long.MAX_VALUE), JSON.numberNode(new java.math.BigInteger("1" + "0".repeat(40))),
			JSON.numberNode(1e308), JSON.numberNode(3.5), JSON.booleanNode(true), JSON.nullNode(),
			JSON.arrayNode().add(1).add("a"), JSON.objectNode().put("a", 1));

	private static final List<String> TEXTS = VALUES.stream()
		.filter((value) -> !value.isContainerNode())
		.map((value) -> value.isNull() ? "null" : value.asText())
		.toList();

	@Value("${local.server.port}")
	private int hostilePort;

	@Value("${local.grpc.port:0}")
	private int hostileGrpcPort;

	@Autowired
	private TransStore hostileStore;

	private final AtomicInteger requests = new AtomicInteger();

	@TestFactory
	Stream<DynamicNode> hostileInputShouldNeverCauseAServerErrorNorWriteWhatWasRefused() {
		DtmHttp http = new DtmHttp(this.hostilePort);
		String tcc = fresh();
		assertThat(http.post("/api/dtmsvr/prepare", "{\"gid\":\"" + tcc + "\",\"trans_type\":\"tcc\"}").status())
			.isEqualTo(200);
		List<DynamicNode> groups = new ArrayList<>();
		groups.add(json(http, "submit saga", "/api/dtmsvr/submit", this::saga));
		groups.add(json(http, "prepare msg", "/api/dtmsvr/prepare", this::msg));
		groups.add(json(http, "prepare tcc", "/api/dtmsvr/prepare",
				(gid) -> object().put("gid", gid).put("trans_type", "tcc")));
		groups
			.add(json(http, "abort", "/api/dtmsvr/abort", (gid) -> object().put("gid", gid).put("trans_type", "tcc")));
		groups.add(json(http, "registerBranch", "/api/dtmsvr/registerBranch",
				(gid) -> object().put("gid", tcc)
					.put("branch_id", gid.substring(gid.length() - 8))
					.put("trans_type", "tcc")
					.put("data", "{}")
					.put("confirm", "")
					.put("cancel", "")));
		groups.add(json(http, "prepareWorkflow", "/api/dtmsvr/prepareWorkflow",
				(gid) -> object().put("gid", gid)
					.put("trans_type", "workflow")
					.put("custom_data", "{\"name\":\"wf\",\"data\":\"\"}")));
		groups.add(json(http, "forceStop", "/api/dtmsvr/forceStop", (gid) -> object().put("gid", gid)));
		groups.add(json(http, "resetNextCronTime", "/api/dtmsvr/resetNextCronTime", (gid) -> object().put("gid", gid)));
		groups.add(json(http, "json-rpc submit", "/api/json-rpc",
				(gid) -> object().put("jsonrpc", "2.0").put("id", 1).put("method", "submit").set("params", saga(gid))));
		groups.add(query(http, "query", "/api/dtmsvr/query", Map.of("gid", "g")));
		groups.add(query(http, "all", "/api/dtmsvr/all", Map.of("limit", "10", "position", "")));
		groups.add(query(http, "resetCronTime", "/api/dtmsvr/resetCronTime", Map.of("timeout", "10", "limit", "1")));
		groups.add(query(http, "subscribe", "/api/dtmsvr/subscribe",
				Map.of("topic", "t", "url", "http://127.0.0.1:9/x", "remark", "")));
		groups.add(query(http, "unsubscribe", "/api/dtmsvr/unsubscribe", Map.of("topic", "t", "url", "u")));
		groups.add(query(http, "scanKV", "/api/dtmsvr/scanKV", Map.of("cat", "topics", "position", "", "limit", "5")));
		groups.add(query(http, "queryKV", "/api/dtmsvr/queryKV", Map.of("cat", "topics", "key", "k")));
		groups.add(DynamicContainer.dynamicContainer("delete topic",
				TEXTS.stream().map((text) -> DynamicTest.dynamicTest(abbreviate(text), () -> {
					this.requests.incrementAndGet();
					DtmHttp.Reply reply = http.delete(
							"/api/dtmsvr/topic/" + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
					// a path the servlet container refuses itself (an encoded '/', NUL,
					// CR LF)
					// or that names no topic gets the container's 400 or 404, without a
					// dtm message
					assertThat(reply.status()).as("answer: %s", reply.body()).isLessThan(500);
				}))));
		if (this.hostileGrpcPort > 0) {
			groups.add(grpc(tcc));
		}
		groups.add(DynamicTest.dynamicTest("the coordinator is healthy afterwards", () -> {
			System.out.printf("[hostile-input] %s: %d hostile requests%n", getClass().getSimpleName(),
					this.requests.get());
			assertThat(http.get("/api/health").status()).isEqualTo(200);
			String gid = fresh();
			assertThat(http.post("/api/dtmsvr/submit", saga(gid).put("wait_result", true).toString()).status())
				.isEqualTo(200);
			assertThat(this.hostileStore.find(gid)).isPresent();
		}));
		return groups.stream();
	}

	private DynamicContainer json(DtmHttp http, String name, String path, Function<String, ObjectNode> base) {
		List<String> fields = new ArrayList<>();
		base.apply("field-names-00000000").fieldNames().forEachRemaining(fields::add);
		if (path.endsWith("submit") || path.endsWith("prepare")) {
			fields.addAll(List.of("custom_data", "timeout_to_fail", "request_timeout", "retry_interval",
					"branch_headers", "wait_result", "concurrent", "retry_limit", "rollback_reason", "protocol",
					"query_prepared", "payloads", "steps", "BinPayloads", "passthrough_headers"));
		}
		return DynamicContainer.dynamicContainer(name,
				fields.stream()
					.distinct()
					.map((field) -> DynamicContainer.dynamicContainer(field,
							VALUES.stream().map((value) -> DynamicTest.dynamicTest(abbreviate(value.toString()), () -> {
								String gid = fresh();
								ObjectNode body = base.apply(gid);
								if (body.has("params")) {
									((ObjectNode) body.get("params")).set(field, value);
								}
								body.set(field, value);
								this.requests.incrementAndGet();
								DtmHttp.Reply reply = http.post(path, body.toString());
								assertAnswer(reply);
								if (reply.status() >= 400 && !path.endsWith("registerBranch")) {
									assertThat(this.hostileStore.find(gid)).as("%s refused, yet written", gid)
										.isEmpty();
								}
							})))));
	}

	private DynamicContainer query(DtmHttp http, String name, String path, Map<String, String> base) {
		return DynamicContainer.dynamicContainer(name,
				base.keySet()
					.stream()
					.map((parameter) -> DynamicContainer.dynamicContainer(parameter,
							TEXTS.stream().map((text) -> DynamicTest.dynamicTest(abbreviate(text), () -> {
								StringBuilder url = new StringBuilder(path).append('?');
								base.forEach((key, value) -> url.append(key)
									.append('=')
									.append(URLEncoder.encode(key.equals(parameter) ? text : value,
											StandardCharsets.UTF_8))
									.append('&'));
								this.requests.incrementAndGet();
								assertAnswer(http.get(url.toString()));
							})))));
	}

	private DynamicContainer grpc(String tcc) {
		List<DynamicNode> tests = new ArrayList<>();
		List<Function<String, DtmRequest>> requests = new ArrayList<>();
		for (String text : TEXTS) {
			requests.add((gid) -> DtmRequest.newBuilder().setGid(text).setTransType("saga").build());
			requests.add((gid) -> DtmRequest.newBuilder().setGid(gid).setTransType(text).build());
			requests.add((gid) -> DtmRequest.newBuilder()
				.setGid(gid)
				.setTransType("saga")
				.setSteps("[{\"action\":\"" + text.replace("\"", "") + "\",\"compensate\":\"\"}]")
				.build());
			requests
				.add((gid) -> DtmRequest.newBuilder().setGid(gid).setTransType("msg").setQueryPrepared(text).build());
			requests
				.add((gid) -> DtmRequest.newBuilder().setGid(gid).setTransType("saga").setCustomedData(text).build());
			requests.add((gid) -> DtmRequest.newBuilder().setGid(gid).setTransType("saga").setSteps(text).build());
		}
		for (long number : new long[] { -1, Long.MIN_VALUE, Long.MAX_VALUE }) {
			requests.add((gid) -> DtmRequest.newBuilder()
				.setGid(gid)
				.setTransType("saga")
				.setTransOptions(DtmTransOptions.newBuilder()
					.setTimeoutToFail(number)
					.setRequestTimeout(number)
					.setRetryInterval(number)
					.setRetryLimit(number))
				.build());
		}
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.hostileGrpcPort)
			.usePlaintext()
			.build();
		DtmGrpc.DtmBlockingStub stub = DtmGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
		int i = 0;
		for (Function<String, DtmRequest> request : requests) {
			tests.add(DynamicTest.dynamicTest("Submit #" + (i++), () -> {
				String gid = fresh();
				this.requests.incrementAndGet();
				assertGrpcAnswer(() -> stub.submit(request.apply(gid)));
			}));
		}
		for (String text : TEXTS) {
			tests.add(DynamicTest.dynamicTest("RegisterBranch " + abbreviate(text), () -> {
				this.requests.incrementAndGet();
				assertGrpcAnswer(() -> stub.registerBranch(DtmBranchRequest.newBuilder()
					.setGid(tcc)
					.setTransType("tcc")
					.setBranchID(text)
					.putData("confirm", text)
					.putData("cancel", "")
					.build()));
			}));
		}
		tests.add(DynamicTest.dynamicTest("close the channel",
				() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS)));
		return DynamicContainer.dynamicContainer("gRPC", tests);
	}

	private static void assertAnswer(DtmHttp.Reply reply) {
		assertThat(reply.status()).as("answer: %s", reply.body()).isLessThan(500);
		if (reply.status() >= 400) {
			assertThat(reply.body()).as("a refusal says why").contains("message");
			assertThat(reply.body()).as("no Java internals").doesNotContain("Exception").doesNotContain("at io.dtm");
		}
	}

	private static void assertGrpcAnswer(Runnable call) {
		try {
			call.run();
		}
		catch (StatusRuntimeException ex) {
			Status status = ex.getStatus();
			assertThat(status.getCode()).as("status %s (bad requests are INVALID_ARGUMENT here)", status)
				.isNotEqualTo(Status.Code.INTERNAL);
			assertThat(status.getDescription()).as("a refusal says why").isNotBlank();
			assertThat(status.getDescription()).as("no Java internals")
				.doesNotContain("Exception")
				.doesNotContain("at io.dtm");
		}
	}

	private ObjectNode saga(String gid) {
		ObjectNode saga = object().put("gid", gid).put("trans_type", "saga");
		saga.putArray("steps").addObject().put("action", "").put("compensate", "");
		saga.putArray("payloads").add("{}");
		return saga;
	}

	private ObjectNode msg(String gid) {
		ObjectNode msg = object().put("gid", gid).put("trans_type", "msg").put("query_prepared", "");
		msg.putArray("steps").addObject().put("action", "");
		msg.putArray("payloads").add("{}");
		return msg;
	}

	private static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	private static String fresh() {
		return "hostile-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet();
	}

	private static String abbreviate(String text) {
		if (text.isEmpty()) {
			return "(empty)";
		}
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() > 40) ? printable.substring(0, 40) + "…(" + text.length() + ")" : printable;
	}

}
