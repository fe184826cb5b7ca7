package io.dtm.server.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.server.diagnostics.DiagnosticReporter;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.TestStores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus text a scraper reads: dtm's metric names, latencies in buckets fine
 * enough for a millisecond request, HELP text on every dtm metric, and no unbounded label
 * values.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrometheusMetricsTests {

	private static ScriptedParticipant participant;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@BeforeAll
	static void startParticipant() {
		participant = ScriptedParticipant.start();
	}

	@AfterAll
	static void stopParticipant() {
		participant.close();
	}

	@Test
	void whenFastRequestsAreMadeLatencyBucketsAtOrBelowTenMillisecondsShouldCountThem() {
		DtmHttp http = new DtmHttp(this.port);
		for (int i = 0; i < 20; i++) {
			assertThat(http.get("/api/dtmsvr/newGid").status()).isEqualTo(200);
		}
		String text = http.get("/api/metrics").body();
		assertThat(bucket(text, "dtm_server_response_duration_bucket{api=\"newgid\",type=\"http\",le=\"0.01\"}"))
			.isPositive();
		assertThat(text).contains("# TYPE dtm_server_response_duration histogram")
			.doesNotContain("dtm_server_response_duration_seconds");
	}

	@Test
	void whenJsonRpcIsCalledItShouldBeCountedAsDtmCountsIt() {
		DtmHttp http = new DtmHttp(this.port);
		for (int i = 0; i < 3; i++) {
			assertThat(http.post("/api/json-rpc", "{\"jsonrpc\":\"2.0\",\"id\":\"" + i + "\",\"method\":\"newGid\"}")
				.status()).isEqualTo(200);
		}
		String text = http.get("/api/metrics").body();
		assertThat(bucket(text, "dtm_server_process_total{api=\"json-rpc\",status=\"ok\",type=\"http\"}"))
			.isEqualTo(3.0);
	}

	@Test
	void whenASagaFinishesQuicklyTheHandledDurationShouldLandInTheSmallBuckets() throws Exception {
		DtmHttp http = new DtmHttp(this.port);
		String gid = "fast-" + System.nanoTime();
		assertThat(http.post("/api/dtmsvr/submit", saga(gid)).status()).isEqualTo(200);
		String text = http.get("/api/metrics").body();
		assertThat(bucket(text, "dtm_transaction_handled_duration_bucket{model=\"saga\",le=\"1.0\"}")).isPositive();
		assertThat(bucket(text, "dtm_transaction_handled_duration_bucket{model=\"saga\",le=\"0.5\"}"))
			.as("a saga of two instant branches ends well under 0.5 s")
			.isPositive();
	}

	@Test
	void whenScrapedEveryDtmMetricShouldCarryHelpTextAndNoGidLabel() throws Exception {
		DtmHttp http = new DtmHttp(this.port);
		String gid = "labels-" + System.nanoTime();
		assertThat(http.post("/api/dtmsvr/submit", saga(gid)).status()).isEqualTo(200);
		http.get("/api/dtmsvr/query?gid=" + gid);
		String text = http.get("/api/metrics").body();
		Matcher help = Pattern.compile("(?m)^# HELP (dtm_\\S+) ?(.*)$").matcher(text);
		int helped = 0;
		while (help.find()) {
			assertThat(help.group(2)).as("HELP of %s", help.group(1)).isNotBlank();
			helped++;
		}
		assertThat(helped).isGreaterThanOrEqualTo(5);
		assertThat(text).doesNotContain(gid);
	}

	@Test
	void whenADiagnosisIsCountedItsMetricShouldCarryHelpText() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new DiagnosticReporter(registry).report("store",
				Optional.of(new Diagnosis(DiagnosticCause.DB_OTHER, "127.0.0.1:3306", null, "boom")));

		assertThat(registry.scrape()).containsPattern("(?m)^# HELP dtm_diagnostic_total \\S.*$")
			.contains("dtm_diagnostic_total{cause=\"db_other\",code=\"D1001\"} 1.0");
	}

	private String saga(String gid) throws Exception {
		return new ObjectMapper()
			.writeValueAsString(Map.of("gid", gid, "trans_type", "saga", "wait_result", true, "steps",
					List.of(Map.of("action", participant.url("/a"), "compensate", participant.url("/c")),
							Map.of("action", participant.url("/b"), "compensate", participant.url("/d"))),
					"payloads", List.of("{}", "{}")));
	}

	private static double bucket(String text, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
		assertThat(matcher.find()).as("series %s in%n%s", series, text).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
