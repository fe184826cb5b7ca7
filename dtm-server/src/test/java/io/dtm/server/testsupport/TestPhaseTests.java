package io.dtm.server.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link TestPhase}: the fast phase refuses services and says how to fix the
 * test; the integration phase and an IDE (no property) do not.
 */
class TestPhaseTests {

	private String phase;

	@BeforeEach
	void rememberPhase() {
		this.phase = System.getProperty(TestPhase.PROPERTY);
	}

	@AfterEach
	void restorePhase() {
		if (this.phase == null) {
			System.clearProperty(TestPhase.PROPERTY);
		}
		else {
			System.setProperty(TestPhase.PROPERTY, this.phase);
		}
	}

	@Test
	void whenFastPhaseAsksForAServiceShouldFailNamingTheTestAndTheTag() {
		System.setProperty(TestPhase.PROPERTY, TestPhase.FAST);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(ExternalServices::redis)
			.withMessageStartingWith(TestPhaseTests.class.getName() + " needs Redis")
			.withMessageContaining("fast phase (Surefire, ./mvnw test)")
			.withMessageContaining("tag it @Tag(\"integration\")");
	}

	@Test
	void whenFastPhaseStartsACoordinatorOrRedisProcessShouldFail() {
		System.setProperty(TestPhase.PROPERTY, TestPhase.FAST);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> CoordinatorProcess.start("phase", java.util.List.of()))
			.withMessageContaining("needs a coordinator process");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(ThrowAwayRedis::start)
			.withMessageContaining("needs a redis-server process");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(ExternalServices::mysql)
			.withMessageContaining("needs a MySQL-compatible database");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(ExternalServices::postgres)
			.withMessageContaining("needs a PostgreSQL database");
	}

	@Test
	void whenIntegrationPhaseOrNoPhaseShouldAllowServices() {
		System.setProperty(TestPhase.PROPERTY, "integration");
		assertThatNoException().isThrownBy(() -> TestPhase.requireIntegration("Redis"));
		System.clearProperty(TestPhase.PROPERTY);
		assertThatNoException().isThrownBy(() -> TestPhase.requireIntegration("Redis"));
	}

}
