package io.dtm.server.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.DiagnosticClassifier;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.config.DtmServerProperties.StoreType;
import io.lettuce.core.resource.Delay;
import io.dtm.server.diagnostics.StoreDiagnoser;
import io.dtm.server.store.OptionsCodec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Selects the Redis store: {@code dtm.server.store.type=redis}. The connection comes from
 * Spring Boot's Redis auto-configuration ({@code spring.data.redis.*}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnProperty(name = StoreType.PROPERTY, havingValue = "redis")
class RedisStoreConfiguration {

	@Bean
	RedisTransStore redisTransStore(StringRedisTemplate redis, DtmServerProperties properties,
			OptionsCodec optionsCodec, ObjectMapper objectMapper, Clock clock,
			ObjectProvider<RedisConnectionDetails> connectionDetails) {
		DtmServerProperties.Redis settings = properties.getStore().getRedis();
		RedisConnectionDetails details = connectionDetails.getIfAvailable();
		String endpoint = RedisDiagnostics.endpoint(details);
		RedisKeys keys = new RedisKeys(settings.getPrefix());
		if (details != null && details.getCluster() != null && !keys.isHashTag()) {
			throw new RedisConfigurationException(DiagnosticClassifier.redis(DiagnosticCause.REDIS_PREFIX_NOT_HASH_TAG,
					endpoint, "dtm.server.store.redis.prefix is '" + settings.getPrefix() + "'"), null);
		}
		return new RedisTransStore(redis, keys, new RedisJson(objectMapper, optionsCodec, clock.getZone()),
				settings.getDataExpire(), settings.getFinishedDataExpire(), endpoint);
	}

	@Bean
	RedisBranchCallLog redisBranchCallLog(StringRedisTemplate redis, DtmServerProperties properties,
			OptionsCodec optionsCodec, ObjectMapper objectMapper, Clock clock) {
		DtmServerProperties.Redis settings = properties.getStore().getRedis();
		return new RedisBranchCallLog(redis, new RedisKeys(settings.getPrefix()),
				new RedisJson(objectMapper, optionsCodec, clock.getZone()), new RedisScripts(),
				settings.getDataExpire());
	}

	@Bean
	RedisAuditTrail redisAuditTrail(StringRedisTemplate redis, DtmServerProperties properties,
			OptionsCodec optionsCodec, ObjectMapper objectMapper, Clock clock) {
		return new RedisAuditTrail(redis, new RedisKeys(properties.getStore().getRedis().getPrefix()),
				new RedisJson(objectMapper, optionsCodec, clock.getZone()), objectMapper, new RedisScripts(),
				properties.getAudit().getRedisMaxEntries());
	}

	@Bean
	RedisInstanceRegistry redisInstanceRegistry(StringRedisTemplate redis, DtmServerProperties properties,
			OptionsCodec optionsCodec, ObjectMapper objectMapper, Clock clock) {
		return new RedisInstanceRegistry(redis, new RedisKeys(properties.getStore().getRedis().getPrefix()),
				new RedisJson(objectMapper, optionsCodec, clock.getZone()), objectMapper);
	}

	@Bean
	RedisStoreStartupCheck redisStoreStartupCheck(RedisTransStore store, DtmServerProperties properties,
			ObjectProvider<RedisConnectionDetails> connectionDetails) {
		DtmServerProperties.Redis settings = properties.getStore().getRedis();
		return new RedisStoreStartupCheck(store, RedisDiagnostics.endpoint(connectionDetails.getIfAvailable()),
				settings.getPrefix(), settings.isFailFast());
	}

	@Bean
	ClientResourcesBuilderCustomizer dtmRedisReconnectDelay(DtmServerProperties properties) {
		Duration max = properties.getStore().getRedis().getMaxReconnectDelay();
		return (builder) -> builder
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), max, 2, TimeUnit.MILLISECONDS));
	}

	@Bean
	StoreDiagnoser redisStoreDiagnoser(ObjectProvider<RedisConnectionDetails> connectionDetails) {
		String endpoint = RedisDiagnostics.endpoint(connectionDetails.getIfAvailable());
		return (failure) -> RedisDiagnostics.toDiagnosis(failure, endpoint);
	}

}
