package io.dtm.server.registry;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.CoordinatorProcess;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.NacosTestServer;
import io.dtm.server.testsupport.ScriptedParticipant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the self-healing of {@link NacosRegistrar} with a Nacos server the test
 * starts, kills and restarts ({@link NacosTestServer#managed(String)}): a coordinator
 * started while Nacos is down serves sagas, reports D1003 after its retries and registers
 * by itself once Nacos starts; after Nacos is killed and restarted it is registered again
 * within a bounded time. The tests run in order on one coordinator.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NacosRecoveryIT {

	private static final String SERVICE = "dtmService";

	/**
	 * Upper bound for re-registration after Nacos answers again (client redo or our
	 * check).
	 */
	private static final Duration REREGISTRATION_BOUND = Duration.ofSeconds(20);

	private static NacosTestServer nacos;

	private static ScriptedParticipant participant;

	private static CoordinatorProcess coordinator;

	private static DtmHttp dtm;

	@BeforeAll
	static void startCoordinatorWithoutNacos() {
		nacos = NacosTestServer.managed("recovery");
		participant = ScriptedParticipant.start();
		coordinator = CoordinatorProcess.start("recovery", NacosItSupport.coordinatorArguments(nacos));
		dtm = coordinator.http();
	}

	@AfterAll
	static void stop() {
		if (coordinator != null) {
			coordinator.close();
		}
		if (participant != null) {
			participant.close();
		}
		if (nacos != null) {
			nacos.close();
		}
	}

	@Test
	@Order(1)
	void whenNacosIsDownAtStartShouldServeSagasReportD1003AndRegisterOnceNacosStarts() {
		String gid = "nacos-down-" + UUID.randomUUID();
		DtmHttp.Reply submitted = dtm.post("/api/dtmsvr/submit",
				NacosItSupport.saga(gid, List.of(participant.url("/" + gid + "/step"))));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
		await("saga served without Nacos").atMost(Duration.ofSeconds(20))
			.until(() -> "succeed".equals(dtm.status(gid)));

		await("D1003 in /actuator/health after the retries, log in " + coordinator.log()).atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> "DEGRADED".equals(registration().path("status").asText()));
		JsonNode registration = registration();
		assertThat(registration.at("/details/code").asText()).isEqualTo("D1003");
		assertThat(registration.at("/details/cause").asText()).isEqualTo("registry address wrong or unreachable");
		assertThat(registration.at("/details/action").asText()).contains("start Nacos")
			.contains("spring.cloud.nacos.discovery.server-addr");
		assertThat(registration.at("/details/manualCheck").asText())
			.isEqualTo("curl http://" + nacos.serverAddr() + "/nacos/v1/ns/operator/metrics");
		assertThat(registration.at("/details/error").asText()).contains("connection refused");
		JsonNode diagnostics = dtm.get("/actuator/dtm").json();
		assertThat(diagnostics.findValues("code")).extracting(JsonNode::asText).contains("D1003");
		assertThat(registration.at("/details/failedAttempts").asInt()).isGreaterThanOrEqualTo(5);
		assertThat(dtm.get("/actuator/health").json().path("status").asText()).as("overall health").isEqualTo("UP");
		assertThat(dtm.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(dtm.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(coordinator.logText()).contains("D1003 network timeout or service registration failure")
			.contains("Nacos registration attempt 5/5")
			.as("health calls while Nacos is down log no stack trace")
			.doesNotContain("HealthIndicator.health(")
			.doesNotContain("Nacos Discovery health check failed");
		assertThat(NacosItSupport.metric(dtm, "dtm.registry.failures")).isGreaterThanOrEqualTo(1.0);
		assertThat(NacosItSupport.metric(dtm, "dtm.registry.registered")).isEqualTo(0.0);

		nacos.start();
		long ready = System.nanoTime();
		await("registered by itself once Nacos runs").atMost(REREGISTRATION_BOUND)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> nacos.isHealthy(SERVICE, coordinator.port()));
		System.out.printf("[nacos] registered %d ms after Nacos was ready%n", (System.nanoTime() - ready) / 1_000_000);
		await("health UP again").atMost(Duration.ofSeconds(10))
			.until(() -> "UP".equals(registration().path("status").asText()));
		assertThat(NacosItSupport.metric(dtm, "dtm.registry.registered")).isEqualTo(1.0);
	}

	@Test
	@Order(2)
	void whenNacosIsKilledAndRestartedShouldRegisterAgainWithinBound() {
		if (!nacos.isReady()) {
			nacos.start();
		}
		await().atMost(REREGISTRATION_BOUND).until(() -> nacos.isHealthy(SERVICE, coordinator.port()));

		nacos.kill();
		await("loss noticed").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !"UP".equals(registration().path("status").asText()));
		nacos.start();
		long ready = System.nanoTime();

		await("registered again within " + REREGISTRATION_BOUND + " of Nacos answering, log in " + coordinator.log())
			.atMost(REREGISTRATION_BOUND)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> nacos.isHealthy(SERVICE, coordinator.port()));
		System.out.printf("[nacos] registered again %d ms after the restarted Nacos was ready%n",
				(System.nanoTime() - ready) / 1_000_000);
		await("health UP again").atMost(Duration.ofSeconds(10))
			.until(() -> "UP".equals(registration().path("status").asText()));
		String gid = "nacos-after-restart-" + UUID.randomUUID();
		assertThat(dtm.post("/api/dtmsvr/submit", NacosItSupport.saga(gid, List.of(participant.url("/" + gid + "/s"))))
			.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> "succeed".equals(dtm.status(gid)));
	}

	private static JsonNode registration() {
		return dtm.get("/actuator/health").json().at("/components/nacosRegistration");
	}

}
