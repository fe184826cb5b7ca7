package io.dtm.server.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.CoordinatorProcess;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.GrpcParticipant;
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
 * Tests for {@link NacosRegistrar} and the {@code nacos://} / {@code lb://} resolvers
 * against a real Nacos server ({@link NacosTestServer#shared()}) and the packaged
 * coordinator started with the shipped {@code config/application-nacos.yml}: the
 * coordinator is listed by Nacos' own HTTP API, branch URLs that name a service reach a
 * participant registered in Nacos, a service without instances is a retryable error, and
 * SIGTERM deregisters the coordinator before the in-flight work finishes. The tests run
 * in order on one coordinator; the last one stops it.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NacosRegistrationIT {

	private static final String SERVICE = "dtmService";

	private static NacosTestServer nacos;

	private static ScriptedParticipant participant;

	private static CoordinatorProcess coordinator;

	private static DtmHttp dtm;

	@BeforeAll
	static void start() {
		nacos = NacosTestServer.shared();
		participant = ScriptedParticipant.start();
		coordinator = CoordinatorProcess.start("registration", NacosItSupport.coordinatorArguments(nacos));
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
	}

	@Test
	@Order(1)
	void whenNacosIsUpShouldListCoordinatorAsHealthyDtmServiceWithMetadataAndGrpcPort() {
		await("dtmService listed healthy by /nacos/v1/ns/instance/list, log in " + coordinator.log())
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> nacos.isHealthy(SERVICE, coordinator.port()));
		JsonNode instance = nacos.instance(SERVICE, coordinator.port()).orElseThrow();
		assertThat(instance.path("ip").asText()).isEqualTo("127.0.0.1");
		assertThat(instance.path("healthy").asBoolean()).isTrue();
		assertThat(instance.path("metadata").path("version").asText()).isEqualTo("v1.19.0-java");
		assertThat(instance.path("metadata").path("store-type").asText()).isEqualTo("jpa");
		assertThat(instance.path("metadata").path("gRPC_port").asText())
			.isEqualTo(String.valueOf(coordinator.grpcPort()));
		JsonNode health = dtm.get("/actuator/health").json();
		assertThat(health.path("status").asText()).isEqualTo("UP");
		assertThat(health.at("/components/nacosRegistration/status").asText()).isEqualTo("UP");
		assertThat(health.at("/components/nacosRegistration/details/service").asText()).isEqualTo(SERVICE);
		assertThat(NacosItSupport.metric(dtm, "dtm.registry.registered")).isEqualTo(1.0);
	}

	@Test
	@Order(2)
	void whenBranchUrlsNameAServiceShouldCallTheParticipantRegisteredInNacos() {
		nacos.registerInstance("dtm-it-participant", "DEFAULT_GROUP", "127.0.0.1", participant.port());
		nacos.registerInstance("dtm-it-grouped", "DTM_IT", "127.0.0.1", participant.port());
		awaitListed("dtm-it-participant", "DEFAULT_GROUP");
		awaitListed("dtm-it-grouped", "DTM_IT");
		String gid = "nacos-url-" + UUID.randomUUID();
		String body = NacosItSupport.saga(gid,
				List.of("nacos://dtm-it-participant/" + gid + "/nacos-default",
						"lb://dtm-it-participant/" + gid + "/lb",
						"nacos://dtm-it-grouped/" + gid + "/group?group=DTM_IT&keep=1",
						"nacos://dtm-it-grouped/" + gid + "/group-name?groupName=DTM_IT"));

		DtmHttp.Reply submitted = dtm.post("/api/dtmsvr/submit", body);

		assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
		await("saga " + gid + " succeeded, log in " + coordinator.log()).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "succeed".equals(dtm.status(gid)));
		assertThat(participant.trace(gid)).containsExactly("/" + gid + "/nacos-default@action",
				"/" + gid + "/lb@action", "/" + gid + "/group@action", "/" + gid + "/group-name@action");
		ScriptedParticipant.Call grouped = participant.calls(gid).get(2);
		assertThat(grouped.query()).as("group consumed by the coordinator, other parameters kept")
			.containsEntry("keep", "1")
			.doesNotContainKey("group");
		assertThat(participant.calls(gid).get(3).query()).doesNotContainKey("groupName");
	}

	@Test
	@Order(3)
	void whenGrpcBranchUrlsNameAServiceShouldCallTheGrpcPortItsInstanceAdvertises() {
		try (GrpcParticipant grpc = GrpcParticipant.start()) {
			// the registered port is the participant's HTTP port; its gRPC port is in the
			// metadata, as Spring Cloud gRPC starters register it
			nacos.registerInstance("dtm-it-grpc", "DEFAULT_GROUP", "127.0.0.1", participant.port(),
					Map.of("gRPC_port", String.valueOf(grpc.port())));
			awaitListed("dtm-it-grpc", "DEFAULT_GROUP");
			String gid = "nacos-grpc-" + UUID.randomUUID();
			String body = NacosItSupport
				.saga(gid, List.of("nacos://dtm-it-grpc/busi.Busi/TransOut", "lb://dtm-it-grpc/busi.Busi/TransIn"))
				.replace("\"trans_type\":\"saga\"", "\"trans_type\":\"saga\",\"protocol\":\"grpc\"");

			DtmHttp.Reply submitted = dtm.post("/api/dtmsvr/submit", body);

			assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
			await("gRPC saga " + gid + " succeeded, log in " + coordinator.log()).atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> "succeed".equals(dtm.status(gid)));
			assertThat(grpc.trace(gid)).containsExactly("busi.Busi/TransOut@action", "busi.Busi/TransIn@action");
			assertThat(participant.calls(gid)).as("nothing went to the HTTP port").isEmpty();
		}
	}

	@Test
	@Order(4)
	void whenServiceHasNoInstanceShouldRetryTheBranchUntilOneIsRegistered() {
		String nacosGid = "nacos-late-" + UUID.randomUUID();
		String lbGid = "lb-late-" + UUID.randomUUID();
		assertThat(dtm
			.post("/api/dtmsvr/submit",
					NacosItSupport.saga(nacosGid, List.of("nacos://dtm-it-late/" + nacosGid + "/late")))
			.status()).isEqualTo(200);
		assertThat(dtm
			.post("/api/dtmsvr/submit", NacosItSupport.saga(lbGid, List.of("lb://dtm-it-late-lb/" + lbGid + "/late")))
			.status()).isEqualTo(200);

		await("unresolvable branch URLs logged").atMost(Duration.ofSeconds(15))
			.until(() -> coordinator.logText()
				.contains("cannot resolve the URL now: no healthy instance of service 'dtm-it-late' in group"
						+ " 'DEFAULT_GROUP'")
					&& coordinator.logText()
						.contains("cannot resolve the URL now: no instance of service 'dtm-it-late-lb' available"));
		assertThat(dtm.status(nacosGid)).isEqualTo("submitted");
		assertThat(dtm.status(lbGid)).isEqualTo("submitted");
		assertThat(participant.calls(nacosGid)).isEmpty();

		nacos.registerInstance("dtm-it-late", "DEFAULT_GROUP", "127.0.0.1", participant.port());
		nacos.registerInstance("dtm-it-late-lb", "DEFAULT_GROUP", "127.0.0.1", participant.port());
		await("sagas succeeded once the services exist (pushed to the coordinator's Nacos client)")
			.atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "succeed".equals(dtm.status(nacosGid)) && "succeed".equals(dtm.status(lbGid)));
		assertThat(participant.trace(nacosGid)).containsExactly("/" + nacosGid + "/late@action");
		assertThat(participant.trace(lbGid)).containsExactly("/" + lbGid + "/late@action");
	}

	@Test
	@Order(5)
	void whenCoordinatorGetsSigtermShouldDeregisterFirstAndFinishTheInFlightPass() {
		await().atMost(Duration.ofSeconds(30)).until(() -> nacos.isHealthy(SERVICE, coordinator.port()));
		String gid = "nacos-sigterm-" + UUID.randomUUID();
		participant.script("/" + gid + "/slow", ScriptedParticipant.Reply.slow(Duration.ofMillis(1500)));
		assertThat(dtm
			.post("/api/dtmsvr/submit",
					NacosItSupport.saga(gid,
							List.of(participant.url("/" + gid + "/slow"), participant.url("/" + gid + "/after"))))
			.status()).isEqualTo(200);
		await("slow branch call in flight").atMost(Duration.ofSeconds(10))
			.until(() -> !participant.calls(gid).isEmpty());

		assertThat(coordinator.terminate(Duration.ofSeconds(40))).as("exited after SIGTERM").isTrue();

		String log = coordinator.logText();
		assertThat(log).contains("deregistered dtmService at 127.0.0.1:" + coordinator.port());
		assertThat(log.indexOf("deregistered dtmService")).as("deregistered before the web server drains")
			.isLessThan(log.indexOf("Commencing graceful shutdown"));
		assertThat(participant.trace(gid)).as("the in-flight pass went on to the next step")
			.containsExactly("/" + gid + "/slow@action", "/" + gid + "/after@action");
		await("instance gone from Nacos").atMost(Duration.ofSeconds(10))
			.until(() -> nacos.instance(SERVICE, coordinator.port()).isEmpty());
	}

	private static void awaitListed(String service, String group) {
		await(service + " listed").atMost(Duration.ofSeconds(15))
			.until(() -> !nacos.instances(service, group).isEmpty());
	}

}
