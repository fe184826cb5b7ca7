package io.dtm.autoconfigure;

import io.dtm.core.Diagnosis;
import io.dtm.core.DiagnosticCause;
import io.dtm.core.RedisFailureRules;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis barrier's connection (D1002): UP when Redis answers PING; DOWN with the
 * classified cause (refused, NOAUTH/WRONGPASS, protected mode, wrong database…)
 * otherwise.
 */
class BarrierRedisHealthIndicator implements HealthIndicator {

	private final RedisConnectionFactory connectionFactory;

	private final String endpoint;

	BarrierRedisHealthIndicator(RedisConnectionFactory connectionFactory, String endpoint) {
		this.connectionFactory = connectionFactory;
		this.endpoint = endpoint;
	}

	@Override
	public Health health() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.ping();
			DiagnosisHealth.recovered("barrier-redis");
			return Health.up().withDetail("endpoint", this.endpoint).build();
		}
		catch (RuntimeException ex) {
			Diagnosis diagnosis = RedisFailureRules.classify(ex, this.endpoint)
				.orElseGet(() -> new Diagnosis(DiagnosticCause.REDIS_OTHER, "at " + this.endpoint, null,
						String.valueOf(ex.getMessage())));
			return DiagnosisHealth.down("barrier-redis",
					HealthReport.of(diagnosis, ManualChecks.redis(diagnosis.cause(), this.endpoint)));
		}
	}

}
