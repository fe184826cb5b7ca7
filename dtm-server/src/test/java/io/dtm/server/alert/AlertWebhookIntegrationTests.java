package io.dtm.server.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert webhook end to end: a coordinator on H2 (1 s retry interval, alert at retry
 * count 1, so the first back-off of a saga whose action keeps failing alerts; 3 s post
 * timeout) posts to a real HTTP receiver, which is also the saga's participant.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertWebhookIntegrationTests {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final ScriptedParticipant receiver = ScriptedParticipant.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		registry.add("dtm.server.alert.webhook-url", () -> receiver.url("/hook"));
		registry.add("dtm.server.alert.retry-limit", () -> "1");
		registry.add("dtm.server.alert.timeout", () -> "3s");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void whenTheFirstBackOffReachesTheLimitTheReceiverShouldGetDtmsBodyOnce() throws Exception {
		DtmHttp http = new DtmHttp(this.port);
		double sentBefore = alerts(http, "sent");
		String gid = "alert-body-" + System.nanoTime();
		String action = receiver.url("/fail-body");
		receiver.always("/fail-body", Reply.error());

		http.post("/api/dtmsvr/submit", failingSaga(gid, action));

		JsonNode body = await().atMost(Duration.ofSeconds(5))
			.until(() -> hook(gid), (hooks) -> !hooks.isEmpty())
			.get(0);
		assertThat(body.get("gid").asText()).isEqualTo(gid);
		assertThat(body.get("status").asText()).isEqualTo("submitted");
		assertThat(body.get("branch").asText()).isEqualTo(action);
		assertThat(body.get("error").asText()).startsWith("action 01 " + action + ": ").contains("500");
		assertThat(body.get("retry_count").isIntegralNumber()).isTrue();
		assertThat(body.get("retry_count").asLong()).isEqualTo(1);
		assertThat(body.size()).as("dtm's five fields, no more").isEqualTo(5);
		await().atMost(Duration.ofSeconds(5)).until(() -> alerts(http, "sent") >= sentBefore + 1);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls(gid).size() >= 3);
		assertThat(hook(gid)).as("two more back-offs of the same run of failures: no second alert").hasSize(1);
	}

	@Test
	void whenTheReceiverHangsThePassesShouldKeepTheirScheduleAndThePostCountAsFailed() throws Exception {
		DtmHttp http = new DtmHttp(this.port);
		double failedBefore = alerts(http, "failed");
		String gid = "alert-hang-" + System.nanoTime();
		receiver.always("/fail-hang", Reply.error());
		receiver.script("/hook", Reply.slow(Duration.ofSeconds(6)));

		long started = System.nanoTime();
		http.post("/api/dtmsvr/submit", failingSaga(gid, receiver.url("/fail-hang")));
		long submitMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(submitMillis).as("wait_result answers after the pass, not after the post").isLessThan(2000);
		await().atMost(Duration.ofSeconds(5)).until(() -> receiver.calls(gid).size() >= 2);
		List<ScriptedParticipant.Call> calls = receiver.calls(gid);
		assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
			.as("the second pass runs after the 2 s back-off while the receiver still hangs")
			.isLessThan(Duration.ofSeconds(4));
		await().atMost(Duration.ofSeconds(6)).until(() -> alerts(http, "failed") >= failedBefore + 1);
		assertThat(scrape(http)).containsPattern("(?m)^# HELP dtm_alert_total \\S.*$")
			.contains("dtm_alert_total{result=\"dropped\"} 0.0");
	}

	private static String failingSaga(String gid, String action) throws Exception {
		return MAPPER.writeValueAsString(Map.of("gid", gid, "trans_type", "saga", "wait_result", true, "steps",
				List.of(Map.of("action", action, "compensate", receiver.url("/compensate"))), "payloads",
				List.of("{}")));
	}

	private static List<JsonNode> hook(String gid) {
		return receiver.calls()
			.stream()
			.filter((call) -> call.path().equals("/hook"))
			.map((call) -> read(call.body()))
			.filter((body) -> gid.equals(body.path("gid").asText()))
			.toList();
	}

	private static JsonNode read(String body) {
		try {
			return MAPPER.readTree(body);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String scrape(DtmHttp http) {
		return http.get("/api/metrics").body();
	}

	private static double alerts(DtmHttp http, String result) {
		Matcher matcher = Pattern.compile("(?m)^dtm_alert_total\\{result=\"" + result + "\"} (\\S+)$")
			.matcher(scrape(http));
		assertThat(matcher.find()).as("dtm_alert_total{result=%s} is exported", result).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
