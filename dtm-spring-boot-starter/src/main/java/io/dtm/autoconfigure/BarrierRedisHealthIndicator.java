package io.dtm.autoconfigure;

import io.dtm.core.diagnostics.DiagnosticClassifier;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis barrier's connection (D1002): UP when Redis answers PING; DOWN with the cause
 * the shared classifier finds (refused, NOAUTH/WRONGPASS, protected mode, wrong database,
 * READONLY, NOPERM, MISCONF…), the same as the coordinator's Redis store reports.
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
			return DiagnosisHealth.down("barrier-redis", DiagnosticClassifier.diagnoseRedis(ex, this.endpoint));
		}
	}

}
