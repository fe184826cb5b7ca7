package io.dtm.server.diagnostics;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.TcpProxy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health and {@code /actuator/dtm} while the store misbehaves, with the shipped timeouts:
 * whether the store stops answering (connections stay open, nothing comes back) or
 * refuses connections, every check answers DOWN/503 with the store's D-code within the 2
 * s check timeout (the Helm chart's probes give up after 3 s), liveness stays UP, and
 * repeated or concurrent calls do not pile up threads. One subclass per store.
 */
@Tag("integration")
abstract class StoreFaultHealthTests {

	/** The check timeout (2 s) plus what an HTTP round trip on a busy machine takes. */
	private static final long MAX_ANSWER_MILLIS = 2500;

	@LocalServerPort
	int port;

	/**
	 * The proxy between the coordinator and its store.
	 * @return the proxy
	 */
	abstract TcpProxy proxy();

	/**
	 * The store's D-code.
	 * @return {@code D1001} or {@code D1002}
	 */
	abstract String code();

	@Test
	void whenTheStoreStopsAnsweringEveryCheckShouldAnswerDownWithinTheCheckTimeout() {
		DtmHttp http = new DtmHttp(this.port);
		assertThat(http.get("/actuator/health").status()).isEqualTo(200);
		assertThat(http.get("/actuator/dtm").status()).isEqualTo(200);
		proxy().stall();
		try {
			JsonNode store = timed(http, "/actuator/health", 503).json().path("components").path("dtmStore");
			assertThat(store.path("status").asText()).isEqualTo("DOWN");
			assertThat(store.path("details").path("code").asText()).isEqualTo(code());
			assertThat(store.path("details").path("error").asText()).contains("timed out after 2s");
			assertThat(timed(http, "/actuator/health/readiness", 503).json().path("status").asText()).isEqualTo("DOWN");
			assertThat(timed(http, "/actuator/health/liveness", 200).json().path("status").asText()).isEqualTo("UP");
			JsonNode diagnostics = timed(http, "/actuator/dtm", 503).json();
			assertThat(diagnostics.path("status").asText()).isEqualTo("failed");
			assertThat(diagnostics.path("checks").get(0).path("code").asText()).isEqualTo(code());
			assertThat(diagnostics.path("checks").get(0).path("error").asText()).contains("timed out after 2s");
			JsonNode quick = timed(http, "/api/health", 503).json();
			assertThat(quick.path("result").asText()).isEqualTo("failure");
			assertThat(quick.path("code").asText()).isEqualTo(code());
			assertRepeatedCallsDoNotPileUpThreads(http);
		}
		finally {
			proxy().heal();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health").status() == 200);
		assertThat(http.get("/actuator/dtm").status()).isEqualTo(200);
	}

	@Test
	void whenTheStoreRefusesConnectionsEveryCheckShouldAnswerDownWithinTheCheckTimeout() {
		DtmHttp http = new DtmHttp(this.port);
		await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health").status() == 200);
		proxy().cut();
		try {
			for (int i = 0; i < 2; i++) {
				JsonNode store = timed(http, "/actuator/health", 503).json().path("components").path("dtmStore");
				assertThat(store.path("status").asText()).isEqualTo("DOWN");
				assertThat(store.path("details").path("code").asText()).isEqualTo(code());
				timed(http, "/actuator/health/readiness", 503);
				timed(http, "/actuator/health/liveness", 200);
				JsonNode diagnostics = timed(http, "/actuator/dtm", 503).json();
				assertThat(diagnostics.path("checks").get(0).path("code").asText()).isEqualTo(code());
				assertThat(timed(http, "/api/health", 503).json().path("code").asText()).isEqualTo(code());
			}
		}
		finally {
			proxy().heal();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health").status() == 200);
	}

	@Test
	void whenDiscoveryAndRefreshAreOffHealthShouldNotListTheirComponents() {
		JsonNode components = new DtmHttp(this.port).get("/actuator/health").json().path("components");
		assertThat(components.has("dtmStore")).isTrue();
		assertThat(components.has("discoveryComposite")).as(components.toString()).isFalse();
		assertThat(components.has("refreshScope")).as(components.toString()).isFalse();
		assertThat(components.has("db")).as("dtmStore is the time-bounded store check").isFalse();
		assertThat(components.has("redis")).as("dtmStore is the time-bounded store check").isFalse();
	}

	private void assertRepeatedCallsDoNotPileUpThreads(DtmHttp http) {
		List<CompletableFuture<DtmHttp.Reply>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String path = (i % 2 == 0) ? "/actuator/health" : "/actuator/dtm";
			calls.add(CompletableFuture.supplyAsync(() -> timed(http, path, 503)));
		}
		calls.forEach(CompletableFuture::join);
		int threads = ManagementFactory.getThreadMXBean().getThreadCount();
		for (int i = 0; i < 5; i++) {
			timed(http, "/actuator/health", 503);
		}
		assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).as("live threads after 5 more calls")
			.isLessThanOrEqualTo(threads + 3);
		assertThat(threadsInStoreCheck()).as("threads waiting for the store").isLessThanOrEqualTo(1);
	}

	private static long threadsInStoreCheck() {
		return Thread.getAllStackTraces()
			.values()
			.stream()
			.filter((stack) -> Arrays.stream(stack)
				.anyMatch((frame) -> frame.getClassName().equals(StoreCheck.class.getName())))
			.count();
	}

	private static DtmHttp.Reply timed(DtmHttp http, String path, int status) {
		long start = System.nanoTime();
		DtmHttp.Reply reply = http.get(path);
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(millis).as("%s answered in %d ms", path, millis).isLessThan(MAX_ANSWER_MILLIS);
		assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(status);
		return reply;
	}

}
