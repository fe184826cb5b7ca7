package io.dtm.server.tracing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmRequest;
import io.dtm.server.engine.GidCorrelation;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.GrpcParticipant;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.TestStores;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing end to end: a submit that carries a W3C trace context continues it, the pass
 * and its branch calls are spans of the same trace, each participant receives the context
 * of its branch-call span, and the log lines of a pass carry the gid.
 */
@Tag("integration")
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.tracing.sampling.probability=1.0")
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01";

	private static final AttributeKey<String> GID = AttributeKey.stringKey("gid");

	private static ScriptedParticipant participant;

	private static GrpcParticipant grpcParticipant;

	@LocalServerPort
	int port;

	@Value("${local.grpc.port}")
	int grpcPort;

	@Autowired
	InMemorySpanExporter spans;

	@Autowired
	SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@BeforeAll
	static void startParticipants() {
		participant = ScriptedParticipant.start();
		grpcParticipant = GrpcParticipant.start();
	}

	@AfterAll
	static void stopParticipants() {
		participant.close();
		grpcParticipant.close();
	}

	@Test
	void whenAnHttpSubmitCarriesATraceContextBranchCallsShouldBeSpansOfThatTraceAndPassItOn() throws Exception {
		String gid = gid("http");
		String saga = """
				{"gid":"%s","trans_type":"saga","steps":[{"action":"%s","compensate":"%s"},
				{"action":"%s","compensate":"%s"}],"payloads":["{}","{}"]}""".formatted(gid,
				participant.url("/" + gid + "/TransOut"), participant.url("/" + gid + "/TransOutRevert"),
				participant.url("/" + gid + "/TransIn"), participant.url("/" + gid + "/TransInRevert"));

		HttpResponse<String> submitted = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/dtmsvr/submit"))
				.header("Content-Type", "application/json")
				.header("traceparent", TRACEPARENT)
				.POST(HttpRequest.BodyPublishers.ofString(saga))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(submitted.statusCode()).isEqualTo(200);
		List<SpanData> branchCalls = awaitBranchCalls(gid, 2);
		SpanData server = serverSpan("/api/dtmsvr/submit");
		assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);
		assertThat(branchCalls).allSatisfy((call) -> {
			assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(call.getAttributes().get(AttributeKey.stringKey("protocol"))).isEqualTo("http");
			assertThat(ancestors(call)).contains(server.getSpanId()).contains(passSpans(gid).get(0).getSpanId());
		});
		for (ScriptedParticipant.Call call : participant.calls(gid)) {
			assertThat(traceIdOf(call.headers().get("traceparent"))).isEqualTo(TRACE_ID);
			assertThat(branchCalls).extracting(SpanData::getSpanId)
				.contains(parentIdOf(call.headers().get("traceparent")));
			assertThat(call.headers().get("baggage")).contains("dtm-gid=" + gid);
		}
		assertThat(participant.calls(gid)).hasSize(2);
		assertThat(new DtmHttp(this.port).get("/api/metrics").body())
			.doesNotContainPattern("dtm_branch_call(_count|_sum|_max|_active|_seconds|\\{)")
			.doesNotContain("dtm_trans_pass");
	}

	@Test
	void whenAGrpcSubmitCarriesATraceContextGrpcBranchesShouldReceiveTheirCallSpans() throws Exception {
		String gid = gid("grpc");
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), TRACEPARENT);
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcPort).usePlaintext().build();
		try {
			DtmGrpc.newBlockingStub(channel)
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.submit(DtmRequest.newBuilder()
					.setGid(gid)
					.setTransType("saga")
					.setSteps("[{\"action\":\"%s\",\"compensate\":\"%s\"}]".formatted(
							grpcParticipant.url(gid + ".Busi/TransOut"),
							grpcParticipant.url(gid + ".Busi/TransOutRevert")))
					.addBinPayloads(ByteString.copyFromUtf8("{}"))
					.build());
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}

		SpanData branchCall = awaitBranchCalls(gid, 1).get(0);
		assertThat(branchCall.getAttributes().get(AttributeKey.stringKey("protocol"))).isEqualTo("grpc");
		SpanData server = this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER && span.getName().contains("Submit"))
			.filter((span) -> span.getParentSpanId().equals(CLIENT_SPAN_ID))
			.findFirst()
			.orElseThrow();
		assertThat(ancestors(branchCall)).contains(server.getSpanId());
		GrpcParticipant.Call call = grpcParticipant.calls(gid).get(0);
		assertThat(traceIdOf(call.metadata().get("traceparent"))).isEqualTo(TRACE_ID);
		assertThat(parentIdOf(call.metadata().get("traceparent"))).isEqualTo(branchCall.getSpanId());
		assertThat(call.metadata()).containsEntry("dtm-gid", gid);
	}

	@Test
	void whenABranchCallFailsTheLinesLoggedDuringThePassShouldCarryTheGid(CapturedOutput output) throws Exception {
		String gid = gid("logs");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger("io.dtm.server.engine");
		appender.start();
		logger.addAppender(appender);
		try {
			String saga = "{\"gid\":\"%s\",\"trans_type\":\"saga\",\"steps\":[{\"action\":\"%s\",\"compensate\":\"%s\"}],\"payloads\":[\"{}\"]}"
				.formatted(gid, "http://127.0.0.1:" + closedPort() + "/TransOut",
						participant.url("/" + gid + "/TransOutRevert"));
			assertThat(new DtmHttp(this.port).post("/api/dtmsvr/submit", saga).status()).isEqualTo(200);

			ILoggingEvent failed = await().atMost(Duration.ofSeconds(20))
				.until(() -> failedCallLine(appender, gid), Optional::isPresent)
				.orElseThrow();
			assertThat(failed.getMDCPropertyMap()).containsEntry(GidCorrelation.MDC_KEY, gid).containsKey("traceId");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output.getAll()).containsPattern(
						"\\[[0-9a-f]{32},[0-9a-f]{16}," + gid + "\\] .*branch call failed, will be retried"));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	private static Optional<ILoggingEvent> failedCallLine(ListAppender<ILoggingEvent> appender, String gid) {
		return new ArrayList<>(appender.list).stream()
			.filter((event) -> event.getFormattedMessage().startsWith("branch call failed")
					&& event.getFormattedMessage().contains(gid))
			.findFirst();
	}

	private List<SpanData> awaitBranchCalls(String gid, int count) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.tracerProvider.forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(spans(gid, (span) -> span.getKind() == SpanKind.CLIENT)).hasSize(count);
			assertThat(passSpans(gid)).isNotEmpty();
		});
		return spans(gid, (span) -> span.getKind() == SpanKind.CLIENT);
	}

	private List<SpanData> passSpans(String gid) {
		return spans(gid, (span) -> span.getName().startsWith("dtm pass"));
	}

	private List<SpanData> spans(String gid, Predicate<SpanData> filter) {
		return this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> gid.equals(span.getAttributes().get(GID)))
			.filter((span) -> span.getTraceId().equals(TRACE_ID))
			.filter(filter)
			.toList();
	}

	private SpanData serverSpan(String uri) {
		return this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER)
			.filter((span) -> uri.equals(span.getAttributes().get(AttributeKey.stringKey("uri"))))
			.filter((span) -> span.getTraceId().equals(TRACE_ID))
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	/** The ids of a span's ancestors among the exported spans, nearest first. */
	private List<String> ancestors(SpanData span) {
		Map<String, SpanData> byId = new HashMap<>();
		this.spans.getFinishedSpanItems().forEach((each) -> byId.put(each.getSpanId(), each));
		List<String> ids = new ArrayList<>();
		SpanData parent = byId.get(span.getParentSpanId());
		while (parent != null && !ids.contains(parent.getSpanId())) {
			ids.add(parent.getSpanId());
			parent = byId.get(parent.getParentSpanId());
		}
		return ids;
	}

	private static String traceIdOf(String traceparent) {
		assertThat(traceparent).isNotNull();
		return traceparent.split("-")[1];
	}

	private static String parentIdOf(String traceparent) {
		return traceparent.split("-")[2];
	}

	private static String gid(String prefix) {
		return "trace-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SpanCapture {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
