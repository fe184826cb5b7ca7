package io.dtm.server.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.nacos.api.exception.NacosException;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.registry.RegistrationStatus.Phase;
import io.dtm.server.registry.RegistryProbe.Outcome;
import io.dtm.server.registry.RegistryProbe.Result;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;

import static io.dtm.server.registry.RegistrationTransition.FAILED_TO_FAILED;
import static io.dtm.server.registry.RegistrationTransition.FAILED_TO_REGISTERED;
import static io.dtm.server.registry.RegistrationTransition.REGISTERED_TO_REGISTERING;
import static io.dtm.server.registry.RegistrationTransition.REGISTERED_TO_STOPPED;
import static io.dtm.server.registry.RegistrationTransition.REGISTERING_TO_FAILED;
import static io.dtm.server.registry.RegistrationTransition.REGISTERING_TO_REGISTERED;
import static io.dtm.server.registry.RegistrationTransition.REGISTERING_TO_REGISTERING;
import static io.dtm.server.registry.RegistrationTransition.STARTING_TO_REGISTERING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NacosRegistrar} and its {@link RegistrationLoop} against a
 * {@link FakeNacosNaming} and a {@link ManualScheduler}: every step runs when the test
 * says so and the clock jumps to it, so the back-off, the check interval and the state
 * reported by health and metrics are asserted without a Nacos server or a sleep. The
 * settings are the defaults: 5 attempts, 1 s back-off times 1.5, checks every 10 s.
 */
class NacosRegistrarTests {

	private static final int PORT = 36789;

	private static final List<Result> REFUSED = List.of(
			new Result("127.0.0.1", 8848, false, Outcome.REFUSED, "connection refused"),
			new Result("127.0.0.1", 9848, true, Outcome.REFUSED, "connection refused"));

	private static final List<Result> OPEN = List.of(new Result("127.0.0.1", 8848, false, Outcome.OPEN, "connected"),
			new Result("127.0.0.1", 9848, true, Outcome.OPEN, "connected"));

	private static final Duration CHECK = Duration.ofSeconds(10);

	private final FakeNacosNaming nacos = new FakeNacosNaming();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<RegistrationTransition> transitions = new ArrayList<>();

	private final List<Object> events = new ArrayList<>();

	private List<Result> probes = REFUSED;

	private final NacosRegistrar registrar = registrar();

	@Test
	void whenPortIsNotKnownYetShouldNotAttempt() {
		this.registrar.start();

		assertThat(this.scheduler.nextDelay()).isNull();
		assertThat(this.registrar.status().phase()).isEqualTo(Phase.STARTING);
		assertThat(health().getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health().getDetails()).containsEntry("state", "starting");
	}

	@Test
	void whenTheGrpcApiIsOnShouldRegisterOnlyOnceItsPortIsKnownAndAdvertiseIt() {
		this.probes = OPEN;
		this.registrar.expectGrpcServer();
		start();

		assertThat(this.scheduler.nextDelay()).as("waits for the gRPC port").isNull();
		this.registrar.grpcServerStarted(36790);
		this.scheduler.runNext();

		assertThat(this.nacos.listed()).singleElement().satisfies((instance) -> {
			assertThat(instance.getPort()).isEqualTo(PORT);
			assertThat(instance.getMetadata()).containsEntry("gRPC_port", "36790");
		});
	}

	@Test
	void whenTheGrpcApiIsOffShouldRegisterWithoutAGrpcPort() {
		this.probes = OPEN;
		start();
		this.scheduler.runNext();

		assertThat(this.nacos.listed()).singleElement()
			.satisfies((instance) -> assertThat(instance.getMetadata()).doesNotContainKey("gRPC_port"));
	}

	@Test
	void whenNacosAnswersShouldRegisterOnTheFirstAttemptAndVerifyEveryCheckInterval() {
		start();

		assertThat(this.scheduler.runNext()).isZero();

		assertThat(this.nacos.listed()).singleElement().satisfies((instance) -> {
			assertThat(instance.getIp()).isEqualTo("127.0.0.1");
			assertThat(instance.getPort()).isEqualTo(PORT);
			assertThat(instance.getMetadata()).containsEntry("version", "v1.19.0-java")
				.containsEntry("store-type", "jpa");
		});
		assertThat(this.transitions).containsExactly(STARTING_TO_REGISTERING, REGISTERING_TO_REGISTERED);
		assertThat(this.registrar.status().since()).isEqualTo(this.scheduler.clock().instant());
		assertThat(this.events).singleElement().isInstanceOf(InstanceRegisteredEvent.class);
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		assertThat(health().getDetails()).containsEntry("service", "dtmService")
			.containsEntry("instance", "127.0.0.1:" + PORT)
			.doesNotContainKey("failedAttempts");
		assertThat(registeredGauge()).isEqualTo(1.0);

		assertThat(this.scheduler.runSteps(2)).containsExactly(CHECK, CHECK);
		assertThat(this.nacos.registrations()).as("verified, not registered again").hasSize(1);
		assertThat(this.transitions).hasSize(2);
	}

	@Test
	void whenAttemptsFailShouldRetryWithBackOffUntilOneSucceeds() {
		this.nacos.failNext(2);
		start();

		this.scheduler.runNext();

		assertThat(this.registrar.status().phase()).isEqualTo(Phase.REGISTERING);
		assertThat(health().getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health().getDetails()).containsEntry("state", "registering")
			.containsEntry("failedAttempts", 1)
			.containsEntry("lastError", "NacosException: Client not connected, current status:STARTING");
		assertThat(this.scheduler.runSteps(2)).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(1500));
		assertThat(this.registrar.status().phase()).isEqualTo(Phase.REGISTERED);
		assertThat(this.registrar.status().attempts()).isZero();
		assertThat(this.registrar.status().lastError()).isNull();
		assertThat(this.nacos.registrations()).hasSize(3);
		assertThat(this.transitions).containsExactly(STARTING_TO_REGISTERING, REGISTERING_TO_REGISTERING,
				REGISTERING_TO_REGISTERING, REGISTERING_TO_REGISTERED);
		assertThat(failures("REGISTRY_UNREACHABLE")).isZero();
	}

	@Test
	void whenAttemptsAreUsedUpShouldReportD1003OnceAndTryEveryCheckIntervalUntilNacosAnswers() {
		this.nacos.failWith(FakeNacosNaming.NOT_CONNECTED);
		start();

		assertThat(this.scheduler.runSteps(5)).containsExactly(Duration.ZERO, Duration.ofMillis(1000),
				Duration.ofMillis(1500), Duration.ofMillis(2250), Duration.ofMillis(3375));

		RegistrationStatus status = this.registrar.status();
		assertThat(status.phase()).isEqualTo(Phase.FAILED);
		assertThat(status.attempts()).isEqualTo(5);
		assertThat(status.failure().cause()).isEqualTo(DiagnosticCause.REGISTRY_UNREACHABLE);
		assertThat(status.failure().detail()).contains("127.0.0.1:8848 connection refused");
		assertThat(health().getStatus()).isEqualTo(NacosRegistrationHealthIndicator.DEGRADED);
		assertThat(health().getDetails()).containsEntry("state", "failed")
			.containsEntry("code", "D1003")
			.containsEntry("cause", "registry address wrong or unreachable")
			.containsEntry("failedAttempts", 5);
		assertThat(failures("REGISTRY_UNREACHABLE")).isEqualTo(1.0);
		assertThat(registeredGauge()).isZero();

		assertThat(this.scheduler.runNext()).isEqualTo(CHECK);
		assertThat(this.registrar.status().attempts()).isEqualTo(6);
		assertThat(failures("REGISTRY_UNREACHABLE")).as("reported once, not per background attempt").isEqualTo(1.0);

		this.nacos.recover();
		assertThat(this.scheduler.runNext()).isEqualTo(CHECK);
		assertThat(this.registrar.status().phase()).isEqualTo(Phase.REGISTERED);
		assertThat(this.registrar.status().failure()).isNull();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		assertThat(registeredGauge()).isEqualTo(1.0);
		assertThat(this.transitions).endsWith(REGISTERING_TO_FAILED, FAILED_TO_FAILED, FAILED_TO_REGISTERED);
	}

	@Test
	void whenCredentialsAreRejectedShouldReportAuthFailedAndKeepTrying() {
		this.probes = OPEN;
		this.nacos.failWith(new NacosException(NacosException.NO_RIGHT, "user not found!"));
		start();

		this.scheduler.runSteps(5);

		assertThat(this.registrar.status().failure().cause()).isEqualTo(DiagnosticCause.REGISTRY_AUTH_FAILED);
		assertThat(health().getDetails()).containsEntry("cause", "authentication failed")
			.containsEntry("lastError", "NacosException: user not found!");
		assertThat((String) health().getDetails().get("action")).contains("spring.cloud.nacos.discovery.username");
		assertThat(this.scheduler.runSteps(2)).containsExactly(CHECK, CHECK);
		assertThat(this.nacos.registrations()).hasSize(7);
		assertThat(this.registrar.status().failure().cause()).isEqualTo(DiagnosticCause.REGISTRY_AUTH_FAILED);
		assertThat(failures("REGISTRY_AUTH_FAILED")).isEqualTo(1.0);
	}

	@Test
	void whenTheInstanceIsNoLongerListedShouldRegisterItAgainAtTheNextCheck() {
		start();
		this.scheduler.runNext();

		this.nacos.loseInstances();
		assertThat(this.scheduler.runNext()).isEqualTo(CHECK);

		assertThat(this.nacos.listed()).singleElement().extracting((instance) -> instance.getPort()).isEqualTo(PORT);
		assertThat(this.nacos.registrations()).hasSize(2);
		assertThat(this.registrar.status().phase()).isEqualTo(Phase.REGISTERED);
		assertThat(this.transitions).endsWith(REGISTERING_TO_REGISTERED, REGISTERED_TO_REGISTERING,
				REGISTERING_TO_REGISTERED);
		assertThat(this.events).as("the registered event is published once").hasSize(1);
	}

	@Test
	void whenTheConnectionStaysLostShouldReportHeartbeatLostAndRegisterOnceNacosIsBack() {
		start();
		this.scheduler.runNext();

		this.nacos.disconnect();
		assertThat(this.scheduler.runSteps(5)).containsExactly(CHECK, Duration.ofMillis(1000), Duration.ofMillis(1500),
				Duration.ofMillis(2250), Duration.ofMillis(3375));

		assertThat(this.registrar.status().phase()).isEqualTo(Phase.FAILED);
		assertThat(this.registrar.status().failure().cause()).isEqualTo(DiagnosticCause.REGISTRY_HEARTBEAT_LOST);
		assertThat(failures("REGISTRY_HEARTBEAT_LOST")).isEqualTo(1.0);

		this.nacos.recover();
		this.scheduler.runNext();
		assertThat(this.registrar.status().phase()).isEqualTo(Phase.REGISTERED);
		assertThat(this.nacos.listed()).hasSize(1);
	}

	@Test
	void whenStoppedShouldDeregisterAndStopStepping() {
		start();
		this.scheduler.runNext();

		this.registrar.stop();

		assertThat(this.nacos.deregistrations()).singleElement()
			.extracting((instance) -> instance.getPort())
			.isEqualTo(PORT);
		assertThat(this.nacos.listed()).isEmpty();
		assertThat(this.registrar.status().phase()).isEqualTo(Phase.STOPPED);
		assertThat(this.registrar.isRunning()).isFalse();
		assertThat(this.transitions).endsWith(REGISTERED_TO_STOPPED);
		assertThat(this.scheduler.isShutDown()).isTrue();
		assertThat(this.scheduler.nextDelay()).isNull();
		assertThat(health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(registeredGauge()).isZero();

		this.registrar.destroy();
		assertThat(this.nacos.isShutDown()).isTrue();
	}

	@Test
	void whenNacosIsUnreachableAtStopShouldStopWithoutDeregistering() {
		start();
		this.scheduler.runNext();
		this.nacos.disconnect();

		this.registrar.stop();

		assertThat(this.nacos.deregistrations()).isEmpty();
		assertThat(this.registrar.status().phase()).isEqualTo(Phase.STOPPED);
	}

	private NacosRegistrar registrar() {
		NacosDiscoveryProperties discovery = new NacosDiscoveryProperties();
		discovery.setServerAddr("127.0.0.1:8848");
		discovery.setService("dtmService");
		discovery.setIp("127.0.0.1");
		RegistrationTarget target = new RegistrationTarget(discovery,
				Map.of("version", "v1.19.0-java", "store-type", "jpa"), (serverAddr) -> this.probes);
		NacosRegistrar created = new NacosRegistrar(this.nacos, target, new DtmServerProperties.Registry(),
				this.scheduler.clock(), this.meters, () -> this.scheduler);
		created.setApplicationEventPublisher(this.events::add);
		created.state().addListener((transition, status) -> this.transitions.add(transition));
		return created;
	}

	private void start() {
		this.registrar.start();
		this.registrar.webServerStarted(PORT);
	}

	private Health health() {
		return new NacosRegistrationHealthIndicator(this.registrar).health();
	}

	private double registeredGauge() {
		return this.meters.get("dtm.registry.registered").tag("registry", "nacos").gauge().value();
	}

	private double failures(String cause) {
		Counter counter = this.meters.find("dtm.registry.failures")
			.tags("code", "D1003", "cause", cause, "registry", "nacos")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
