package io.dtm.server.observability;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.server.diagnostics.DiagnosticReporter;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the Grafana dashboard and the alert rules query is one the coordinator
 * exports, so renaming a meter cannot silently empty a panel or mute an alert. A
 * coordinator on H2 runs a saga that the cron has to retry, so the meters of API calls,
 * branch calls, passes, leases and finished transactions exist, then its
 * {@code /actuator/prometheus} is scraped (after one diagnosis, as
 * {@code dtm_diagnostic_total} exists from the first problem on).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObservabilityMetricNamesTests {

	/**
	 * Series the coordinator exports only in some set-ups, or Prometheus itself makes,
	 * with the reason.
	 */
	private static final Map<String, String> NOT_EXPORTED_HERE = Map.of("up", "made by Prometheus for each target",
			"grpc_server_seconds_count", "Spring gRPC's timer, exported after the first gRPC call",
			"dtm_registry_registered", "exported with Nacos registration on");

	private static final Pattern SERIES = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

	private static ScriptedParticipant participant;

	@LocalServerPort
	int port;

	@Autowired
	DiagnosticReporter diagnostics;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@BeforeAll
	static void startParticipant() {
		participant = ScriptedParticipant.start();
		participant.script("/retried", Reply.error());
	}

	@AfterAll
	static void stopParticipant() {
		participant.close();
	}

	@Test
	void whenTheDashboardIsLoadedEveryMetricItQueriesShouldBeExported() throws Exception {
		Set<String> exported = exportedSeries();
		Set<String> queried = new TreeSet<>(ObservabilityFiles.dashboardVariableMetrics());
		for (String expression : ObservabilityFiles.dashboardExpressions()) {
			queried.addAll(PromQlNames.of(expression));
		}
		assertThat(queried).hasSizeGreaterThan(20);
		queried.removeAll(NOT_EXPORTED_HERE.keySet());
		assertThat(exported).as("series exported by the coordinator").containsAll(queried);
	}

	@Test
	void whenTheAlertRulesAreLoadedEveryMetricTheyQueryShouldBeExported() throws Exception {
		Set<String> exported = exportedSeries();
		Set<String> queried = new TreeSet<>();
		for (Map<String, Object> rule : ObservabilityFiles.rules(ObservabilityFiles.alertsFile())) {
			queried.addAll(PromQlNames.of((String) rule.get("expr")));
		}
		assertThat(queried).contains("dtm_cron_leased_timeout_ratio_max", "dtm_diagnostic_active", "up");
		queried.removeAll(NOT_EXPORTED_HERE.keySet());
		assertThat(exported).as("series exported by the coordinator").containsAll(queried);
	}

	private Set<String> exportedSeries() throws Exception {
		DtmHttp http = new DtmHttp(this.port);
		String gid = "observed-" + System.nanoTime();
		assertThat(http.post("/api/dtmsvr/submit", saga(gid)).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get("/api/dtmsvr/query?gid=" + gid).body().contains("\"status\":\"succeed\""));
		// dtm_diagnostic_total{code,cause} exists from the first problem on
		this.diagnostics.report("observability-test",
				Optional.of(new Diagnosis(DiagnosticCause.DB_OTHER, "127.0.0.1:3306", null, "test")));
		this.diagnostics.report("observability-test", Optional.empty());
		System.gc();
		// the pass records its finish after the status it wrote is readable
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			String body = http.get("/actuator/prometheus").body();
			return body.contains("dtm_cron_leased_timeout_ratio_max") && body.contains("dtm_transaction_finished_total")
					&& body.contains("dtm_transaction_handled_duration_bucket");
		});
		String text = http.get("/actuator/prometheus").body();
		Set<String> names = new HashSet<>();
		Matcher series = SERIES.matcher(text);
		while (series.find()) {
			names.add(series.group(1));
		}
		return names;
	}

	private String saga(String gid) throws Exception {
		return new ObjectMapper()
			.writeValueAsString(Map.of("gid", gid, "trans_type", "saga", "timeout_to_fail", 600, "steps",
					List.of(Map.of("action", participant.url("/a"), "compensate", participant.url("/c")),
							Map.of("action", participant.url("/retried"), "compensate", participant.url("/d"))),
					"payloads", List.of("{}", "{}")));
	}

}
