package io.dtm.server.diagnostics;

import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Run-time D1001: a coordinator on a real MariaDB reached through a proxy; when the proxy
 * cuts the database away, health, readiness, {@code /api/health} and
 * {@code /actuator/dtm} report D1001 "connection refused" while liveness stays UP, one
 * log line is written, and everything recovers when the database is back.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dtm.server.cron.enabled=false", "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500" })
@Tag("integration")
class StoreDownDiagnosticsTests {

	private static TcpProxy proxy;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("diag");
		URI uri = URI.create(db.url().substring("jdbc:".length()));
		proxy = TcpProxy.start(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 3306);
		registry.add("spring.datasource.url",
				() -> db.url().replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + proxy.port()));
		registry.add("spring.datasource.username", db::user);
		registry.add("spring.datasource.password", db::password);
		registry.add("spring.jpa.properties.jakarta.persistence.database-product-name", () -> "MariaDB");
	}

	@AfterAll
	static void stopProxy() {
		proxy.close();
	}

	@Test
	void whenDatabaseGoesAwayHealthShouldReportD1001AndRecoverWhenItReturns(CapturedOutput output) {
		DtmHttp http = new DtmHttp(this.port);
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
		proxy.cut();
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> http.get("/actuator/health")
					.json()
					.path("components")
					.path("dtmStore")
					.path("details")
					.path("cause")
					.asText()
					.equals("connection refused"));
			JsonNode store = http.get("/actuator/health").json().path("components").path("dtmStore");
			assertThat(store.path("status").asText()).isEqualTo("DOWN");
			assertThat(store.path("details").path("code").asText()).isEqualTo("D1001");
			assertThat(store.path("details").path("cause").asText()).isEqualTo("connection refused");
			assertThat(store.path("details").path("target").asText()).isEqualTo("at 127.0.0.1:" + proxy.port());
			assertThat(store.path("details").path("action").asText()).contains("spring.datasource.url");
			assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
			assertThat(http.get("/actuator/health/liveness").status()).as("liveness ignores the store").isEqualTo(200);
			DtmHttp.Reply quick = http.get("/api/health");
			assertThat(quick.status()).isEqualTo(503);
			assertThat(quick.json().path("message").asText()).contains("store is not reachable");
			JsonNode diagnostics = http.get("/actuator/dtm").json();
			assertThat(diagnostics.path("status").asText()).isEqualTo("failed");
			assertThat(diagnostics.path("checks").get(0).path("code").asText()).isEqualTo("D1001");
			assertThat(diagnostics.path("checks").get(0).path("message").asText())
				.startsWith("D1001 database connection failure: connection refused at 127.0.0.1:");
			assertThat(output.getOut().split("D1001 database connection failure: connection refused", -1))
				.as("one log line per occurrence, not one per health call")
				.hasSize(2);
			assertThat(http.get("/api/metrics").body())
				.contains("dtm_diagnostic_total{cause=\"db_connection_refused\",code=\"D1001\"} 1.0");
		}
		finally {
			proxy.open();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/actuator/health").status() == 200);
		assertThat(http.get("/actuator/dtm").json().path("status").asText()).isEqualTo("ok");
		assertThat(output).contains("check store recovered");
	}

	@Test
	void whenDatabaseIsAwayApiCallsShouldAnswer503WithTheDCodeAndNoSql(CapturedOutput output) {
		DtmHttp http = new DtmHttp(this.port);
		proxy.cut();
		try {
			for (int i = 0; i < 8; i++) {
				DtmHttp.Reply submit = http.post("/api/dtmsvr/submit", "{\"gid\":\"down-" + i
						+ "\",\"trans_type\":\"saga\",\"steps\":[{\"action\":\"\",\"compensate\":\"\"}]}");
				assertThat(submit.status()).as(submit.body()).isEqualTo(503);
				assertThat(submit.json().path("code").asText()).isEqualTo("D1001");
				assertThat(submit.json().path("message").asText())
					.startsWith("D1001 database connection failure: connection ")
					.contains("spring.datasource.url");
				assertThat(submit.body()).doesNotContainIgnoringCase("sql")
					.doesNotContain("EntityManager")
					.doesNotContain("Exception");
				DtmHttp.Reply query = http.get("/api/dtmsvr/query?gid=down-" + i);
				assertThat(query.status()).isEqualTo(503);
				assertThat(query.json().path("code").asText()).isEqualTo("D1001");
			}
			assertThat(output.getOut().split("D1001 database connection failure", -1))
				.as("one log line per cause (the pooled connection is lost, then refused), not one per request")
				.hasSizeBetween(2, 3);
			assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ")
				.doesNotContain("Caused by")
				.doesNotContain(" ERROR ");
		}
		finally {
			proxy.open();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/actuator/health").status() == 200);
	}

}
