package io.dtm.server.store.redis;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the Redis store ({@code redisStore} in {@code /actuator/health}): UP with the
 * endpoint and key prefix, or DOWN with the D1002 code, the classified cause and the
 * action.
 */
class RedisStoreHealthIndicator implements HealthIndicator {

	private final RedisTransStore store;

	private final String endpoint;

	private final String prefix;

	RedisStoreHealthIndicator(RedisTransStore store, String endpoint, String prefix) {
		this.store = store;
		this.endpoint = endpoint;
		this.prefix = prefix;
	}

	@Override
	public Health health() {
		try {
			this.store.ping();
			return Health.up().withDetail("endpoint", this.endpoint).withDetail("prefix", this.prefix).build();
		}
		catch (RedisConfigurationException ex) {
			RedisDiagnosis diagnosis = ex.getDiagnosis();
			return Health.down()
				.withDetail("code", RedisDiagnosis.CODE)
				.withDetail("cause", diagnosis.problem().cause())
				.withDetail("action", diagnosis.action())
				.withDetail("endpoint", diagnosis.endpoint())
				.withDetail("error", diagnosis.detail())
				.build();
		}
	}

}
