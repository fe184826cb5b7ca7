package io.dtm.autoconfigure;

import io.dtm.client.barrier.RedisBarrier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis barrier, when Spring Data Redis and a {@link RedisConnectionFactory} are
 * present.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration")
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@EnableConfigurationProperties(DtmClientProperties.class)
public class DtmRedisAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisBarrier redisBarrier(RedisConnectionFactory connectionFactory, DtmClientProperties properties) {
		return new RedisBarrier(new StringRedisTemplate(connectionFactory), properties.getBarrier().getRedisExpire());
	}

}
