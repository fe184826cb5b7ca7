package io.dtm.autoconfigure;

import io.dtm.core.diagnostics.DiagnosticClassifier;
import io.dtm.core.diagnostics.HealthDetails;
import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The starter reports a Redis barrier failure with the shared classifier and
 * {@link HealthDetails}, so the same Redis error gets the same details as on the
 * coordinator, and logs it once per occurrence.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiagnosisHealthTests {

	@Test
	void whenBarrierRedisIsAReadOnlyReplicaHealthShouldReportTheSharedDiagnosisOnce(CapturedOutput output) {
		RedisSystemException readOnly = new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("READONLY You can't write against a read only replica."));
		RedisConnectionFactory factory = mock(RedisConnectionFactory.class);
		given(factory.getConnection()).willThrow(readOnly);
		BarrierRedisHealthIndicator indicator = new BarrierRedisHealthIndicator(factory, "127.0.0.1:6379");

		Health first = indicator.health();
		Health second = indicator.health();

		assertThat(first.getStatus()).isEqualTo(Status.DOWN);
		assertThat(first.getDetails())
			.containsExactlyEntriesOf(HealthDetails.of(DiagnosticClassifier.diagnoseRedis(readOnly, "127.0.0.1:6379")))
			.containsEntry("code", "D1002")
			.containsEntry("cause", "connected to a read-only replica (READONLY)")
			.containsEntry("manualCheck", "redis-cli -h 127.0.0.1 -p 6379 ROLE");
		assertThat(second.getDetails()).isEqualTo(first.getDetails());
		assertThat(output.getOut().split("D1002 Redis configuration error: connected to a read-only replica", -1))
			.as("one log line per occurrence")
			.hasSize(2);
	}

}
