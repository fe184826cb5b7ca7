package io.dtm.server.diagnostics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.diagnostics.DiagnosticClassifier;
import io.dtm.core.diagnostics.HealthDetails;
import io.dtm.server.store.TransStore;
import io.dtm.server.store.redis.RedisDiagnostics;
import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DiagnosticHealthIndicator}: a failing check is DOWN with the check
 * name and the shared {@link HealthDetails} of its diagnosis, the details the starter's
 * indicators report for the same failure.
 */
class DiagnosticHealthIndicatorTests {

	private static final String ENDPOINT = "redis://127.0.0.1:6379/0";

	@Test
	void whenRedisStoreIsReadOnlyHealthShouldBeDownWithTheSharedDetails() {
		RedisSystemException readOnly = new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("READONLY You can't write against a read only replica."));
		TransStore store = mock(TransStore.class);
		willThrow(readOnly).given(store).ping();
		StoreCheck check = new StoreCheck(store, (failure) -> RedisDiagnostics.toDiagnosis(failure, ENDPOINT));

		Health health = new DiagnosticHealthIndicator(check,
				new DiagnosticRunner(Duration.ofSeconds(2), new DiagnosticReporter(null)))
			.health();

		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("check", "store");
		expected.putAll(HealthDetails.of(DiagnosticClassifier.diagnoseRedis(readOnly, ENDPOINT)));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsExactlyEntriesOf(expected)
			.containsEntry("code", "D1002")
			.containsEntry("cause", "connected to a read-only replica (READONLY)")
			.containsEntry("target", "at " + ENDPOINT)
			.containsEntry("property", "spring.data.redis.host")
			.containsEntry("manualCheck", "redis-cli -h 127.0.0.1 -p 6379 ROLE")
			.containsEntry("error",
					"RedisCommandExecutionException: READONLY You can't write against a read only replica.");
	}

	@Test
	void whenCheckPassesHealthShouldBeUpWithTheCheckName() {
		Health health = new DiagnosticHealthIndicator(new ScriptedCheck("paths"),
				new DiagnosticRunner(Duration.ofSeconds(2), new DiagnosticReporter(null)))
			.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsExactlyEntriesOf(Map.of("check", "paths"));
	}

}
