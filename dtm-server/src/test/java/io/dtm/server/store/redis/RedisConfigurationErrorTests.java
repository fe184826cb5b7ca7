package io.dtm.server.store.redis;

import java.time.Duration;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.server.DtmServerApplication;
import io.dtm.server.diagnostics.DiagnosticHealthIndicator;
import io.dtm.server.diagnostics.DiagnosticReporter;
import io.dtm.server.diagnostics.DiagnosticRunner;
import io.dtm.server.diagnostics.StoreCheck;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.RedisTestConnections;
import io.dtm.server.testsupport.ThrowAwayRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * D1002 against real servers: a throw-away password-protected {@code redis-server} with
 * two databases, and a closed port.
 */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
class RedisConfigurationErrorTests {

	private static final String PASSWORD = "s3cret";

	private static ThrowAwayRedis secured;

	@BeforeAll
	static void startSecuredRedis() {
		secured = ThrowAwayRedis.start("--requirepass", PASSWORD, "--databases", "2");
	}

	@AfterAll
	static void stopSecuredRedis() {
		if (secured != null) {
			secured.close();
		}
	}

	@Test
	void pingWhenPasswordIsWrongShouldReportWrongPassword() {
		Diagnosis diagnosis = pingProblem(secured.port(), "wrong", 0);
		assertThat(diagnosis.cause()).isEqualTo(DiagnosticCause.REDIS_AUTH_FAILED);
		assertThat(diagnosis.error()).contains("WRONGPASS");
	}

	@Test
	void pingWhenPasswordIsMissingShouldReportNoAuth() {
		Diagnosis diagnosis = pingProblem(secured.port(), null, 0);
		assertThat(diagnosis.cause()).isEqualTo(DiagnosticCause.REDIS_AUTH_FAILED);
		assertThat(diagnosis.error()).contains("NOAUTH");
	}

	@Test
	void pingWhenDatabaseIndexIsOutOfRangeShouldReportWrongDatabase() {
		assertThat(pingProblem(secured.port(), PASSWORD, 5).cause()).isEqualTo(DiagnosticCause.REDIS_WRONG_DATABASE);
	}

	@Test
	void pingWhenPortIsClosedShouldReportConnectionRefused() {
		int port = ThrowAwayRedis.freePort();
		Diagnosis diagnosis = pingProblem(port, null, 0);
		assertThat(diagnosis.cause()).isEqualTo(DiagnosticCause.REDIS_CONNECTION_REFUSED);
		assertThat(diagnosis.manualCheck()).isEqualTo("redis-cli -h 127.0.0.1 -p " + port + " ping");
	}

	@Test
	void pingWhenSettingsAreRightShouldNotThrow() {
		LettuceConnectionFactory factory = RedisTestConnections.loopback(secured.port(), PASSWORD, 1);
		try {
			store(factory, secured.port()).ping();
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void storeOperationWhenPasswordIsWrongShouldThrowDiagnosedExceptionKeepingTheCause(CapturedOutput output) {
		LettuceConnectionFactory factory = RedisTestConnections.loopback(secured.port(), "wrong", 0);
		try {
			RedisTransStore store = store(factory, secured.port());
			// Lettuce now and then loses the race with the server closing the refused
			// connection and reports "RedisHandshakeHandler not registered" instead of
			// the
			// server's answer; another attempt gets the answer
			RedisConfigurationException refused = null;
			for (int attempt = 0; attempt < 3; attempt++) {
				refused = catchThrowableOfType(RedisConfigurationException.class, () -> store.find("any"));
				if (refused == null || !String.valueOf(refused.getMessage()).contains("RedisHandshakeHandler")) {
					break;
				}
			}
			assertThat(refused).isNotNull()
				.hasMessageStartingWith("D1002 Redis configuration error: authentication failed (NOAUTH/WRONGPASS)")
				.hasMessageContaining("— set spring.data.redis.password")
				.hasMessageContaining("WRONGPASS")
				.satisfies((ex) -> assertThat(ex.getCause()).isNotNull());
			assertThat(output).contains("D1002 Redis configuration error: authentication failed (NOAUTH/WRONGPASS)");
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void healthWhenPortIsClosedShouldBeDownWithCodeCauseAndAction() {
		int port = ThrowAwayRedis.freePort();
		LettuceConnectionFactory factory = RedisTestConnections.loopback(port, null, 0);
		try {
			StoreCheck check = new StoreCheck(store(factory, port),
					(failure) -> RedisDiagnostics.toDiagnosis(failure, endpoint(port)));
			Health health = new DiagnosticHealthIndicator(check,
					new DiagnosticRunner(Duration.ofSeconds(2), new DiagnosticReporter(null)))
				.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("code", "D1002")
				.containsEntry("cause", "connection refused")
				.containsEntry("target", "at " + endpoint(port))
				.hasEntrySatisfying("action", (action) -> assertThat((String) action).contains("start Redis"));
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void startupWhenPasswordIsWrongShouldFailWithD1002Analysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startCoordinator(secured.port(), "wrong"))
			.satisfies((ex) -> assertThat(ex).isInstanceOf(RedisConfigurationException.class));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("D1002 Redis configuration error: the Redis store")
			.contains("authentication failed (NOAUTH/WRONGPASS)")
			.contains("redis://127.0.0.1:" + secured.port() + "/0")
			.contains("set spring.data.redis.password")
			.doesNotContain("wrong@");
	}

	@Test
	void startupWhenPortIsClosedShouldFailWithD1002Analysis(CapturedOutput output) {
		int port = ThrowAwayRedis.freePort();
		assertThatException().isThrownBy(() -> startCoordinator(port, null))
			.satisfies((ex) -> assertThat(ex).isInstanceOf(RedisConfigurationException.class));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Cause:    connection refused")
			.contains("start Redis or fix spring.data.redis.host and spring.data.redis.port")
			.contains("Check: redis-cli -h 127.0.0.1 -p " + port + " ping");
	}

	@Test
	void startupWhenFailFastIsOffShouldStartAndAnswerHealthWithD1002() {
		int redisPort = ThrowAwayRedis.freePort();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DtmServerApplication.class).run(
				"--dtm.server.store.type=redis", "--dtm.server.store.redis.fail-fast=false",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort, "--server.port=0",
				"--dtm.server.cron.enabled=false")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			DtmHttp.Reply health = new DtmHttp(port).get("/api/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().path("message").asText()).contains("D1002 Redis configuration error")
				.contains("connection refused")
				.contains("start Redis or fix spring.data.redis.host and spring.data.redis.port");
			assertThat(health.json().path("code").asText()).isEqualTo("D1002");
		}
	}

	private static void startCoordinator(int port, String password) {
		new SpringApplicationBuilder(DtmServerApplication.class).web(WebApplicationType.NONE)
			.run("--dtm.server.store.type=redis", "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + port,
					"--spring.data.redis.password=" + ((password != null) ? password : ""),
					"--dtm.server.cron.enabled=false", "--spring.data.redis.timeout=3s")
			.close();
	}

	private static Diagnosis pingProblem(int port, String password, int database) {
		LettuceConnectionFactory factory = RedisTestConnections.loopback(port, password, database);
		try {
			RedisTransStore store = store(factory, port);
			try {
				store.ping();
			}
			catch (RedisConfigurationException ex) {
				assertThat(ex.getMessage()).startsWith("D1002 ").contains(endpoint(port)).contains(" — ");
				return ex.getDiagnosis();
			}
			throw new AssertionError("ping succeeded against port " + port);
		}
		finally {
			factory.destroy();
		}
	}

	private static RedisTransStore store(LettuceConnectionFactory factory, int port) {
		return RedisStoreFixture.store(factory, "{e}", Duration.ofHours(1), Duration.ofHours(1), endpoint(port));
	}

	private static String endpoint(int port) {
		return "redis://127.0.0.1:" + port + "/0";
	}

}
