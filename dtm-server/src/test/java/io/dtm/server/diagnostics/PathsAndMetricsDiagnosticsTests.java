package io.dtm.server.diagnostics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.Immutable;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.TestStores;
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
 * Run-time D1004 on the embedded store's data directory, and the dtm-named Prometheus
 * metrics moving after a saga.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PathsAndMetricsDiagnosticsTests {

	private static Path dataDir;

	private static ScriptedParticipant participant;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		dataDir = TestStores.h2(registry);
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
	void whenDataDirectoryBecomesUnwritableHealthShouldReportD1004() {
		DtmHttp http = new DtmHttp(this.port);
		assertThat(http.get("/actuator/health").status()).isEqualTo(200);
		JsonNode paths;
		try (Immutable locked = Immutable.lock(dataDir)) {
			paths = http.get("/actuator/health").json().path("components").path("dtmPaths");
		}
		assertThat(paths.path("status").asText()).isEqualTo("DOWN");
		assertThat(paths.path("details").path("code").asText()).isEqualTo("D1004");
		assertThat(paths.path("details").path("cause").asText()).isEqualTo("path is not writable by the process user");
		assertThat(paths.path("details").path("property").asText()).isEqualTo("dtm.server.store.h2.data-dir");
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(http.get("/actuator/health").json().path("components").path("dtmPaths").path("status").asText())
			.isEqualTo("UP");
	}

	@Test
	void whenASagaRunsPrometheusCountersShouldMoveUnderDtmNames() throws Exception {
		DtmHttp http = new DtmHttp(this.port);
		String before = http.get("/api/metrics").body();
		String gid = "metrics-" + System.nanoTime();
		String body = new ObjectMapper()
			.writeValueAsString(Map.of("gid", gid, "trans_type", "saga", "wait_result", true, "steps",
					List.of(Map.of("action", participant.url("/a"), "compensate", participant.url("/c")),
							Map.of("action", participant.url("/b"), "compensate", participant.url("/d"))),
					"payloads", List.of("{}", "{}")));
		assertThat(http.post("/api/dtmsvr/submit", body).status()).isEqualTo(200);
		String after = http.get("/api/metrics").body();
		assertThat(value(after, "dtm_server_process_total{api=\"submit\",status=\"ok\",type=\"http\"}"))
			.isEqualTo(value(before, "dtm_server_process_total{api=\"submit\",status=\"ok\",type=\"http\"}") + 1);
		assertThat(value(after,
				"dtm_branch_process_total{branchid=\"-\",branchtype=\"action\",model=\"saga\",status=\"success\"}"))
			.isEqualTo(value(before,
					"dtm_branch_process_total{branchid=\"-\",branchtype=\"action\",model=\"saga\",status=\"success\"}")
					+ 2);
		assertThat(value(after, "dtm_transaction_process_total{model=\"saga\",status=\"ok\"}"))
			.isGreaterThan(value(before, "dtm_transaction_process_total{model=\"saga\",status=\"ok\"}"));
		assertThat(value(after, "dtm_transaction_handled_duration_count{model=\"saga\"}"))
			.isEqualTo(value(before, "dtm_transaction_handled_duration_count{model=\"saga\"}") + 1);
		assertThat(after).contains("dtm_server_response_duration_bucket{api=\"submit\",type=\"http\",le=\"0.1\"}");
		assertThat(http.get("/actuator/prometheus").body()).contains("dtm_branch_process_total");
	}

	@Test
	void whenClientsCallManyDifferentPathsMetricSeriesShouldNotGrow() {
		DtmHttp http = new DtmHttp(this.port);
		for (int i = 0; i < 50; i++) {
			assertThat(http.get("/api/dtmsvr/no-such-api-" + i).status()).isEqualTo(404);
			http.post("/api/dtmsvr/registerBranch", "{\"gid\":\"nope-" + i
					+ "\",\"trans_type\":\"tcc\",\"branch_id\":\"b" + i + "\",\"confirm\":\"\",\"cancel\":\"\"}");
			http.get("/api/dtmsvr/topic/t" + i);
		}
		String scrape = http.get("/actuator/prometheus").body();
		assertThat(scrape).doesNotContain("no-such-api").doesNotContain("nope-").doesNotContain("api=\"t1\"");
		assertThat(scrape).contains("dtm_server_process_total{api=\"unmatched\",status=\"fail\",type=\"http\"}");
		long series = scrape.lines().filter((line) -> line.startsWith("dtm_server_process_total{")).count();
		assertThat(series).isLessThan(15);
	}

	private static double value(String scrape, String series) {
		Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

}
