package io.dtm.server.store.redis;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.store.OptionsCodec;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Builds the Redis store's parts on a connection factory without a Spring context.
 */
final class RedisStoreFixture {

	private RedisStoreFixture() {
	}

	static StringRedisTemplate template(RedisConnectionFactory factory) {
		StringRedisTemplate template = new StringRedisTemplate(factory);
		template.afterPropertiesSet();
		return template;
	}

	static RedisTransStore store(RedisConnectionFactory factory, String prefix, Duration dataExpire,
			Duration finishedDataExpire, String endpoint) {
		ObjectMapper mapper = new ObjectMapper();
		return new RedisTransStore(template(factory), new RedisKeys(prefix),
				new RedisJson(mapper, new OptionsCodec(mapper), Clock.systemDefaultZone().getZone()), dataExpire,
				finishedDataExpire, endpoint);
	}

	static RedisBranchCallLog callLog(RedisConnectionFactory factory, String prefix, Duration dataExpire) {
		ObjectMapper mapper = new ObjectMapper();
		return new RedisBranchCallLog(template(factory), new RedisKeys(prefix),
				new RedisJson(mapper, new OptionsCodec(mapper), Clock.systemDefaultZone().getZone()),
				new RedisScripts(), dataExpire);
	}

	static RedisAuditTrail auditTrail(RedisConnectionFactory factory, String prefix, int maxEntries) {
		ObjectMapper mapper = new ObjectMapper();
		return new RedisAuditTrail(template(factory), new RedisKeys(prefix),
				new RedisJson(mapper, new OptionsCodec(mapper), Clock.systemDefaultZone().getZone()), mapper,
				new RedisScripts(), maxEntries);
	}

}
