package io.dtm.autoconfigure;

import javax.sql.DataSource;

import io.dtm.client.DtmTemplate;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.barrier.RedisBarrier;
import io.dtm.core.diagnostics.DataSourceTarget;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Health indicators with D-codes for participant apps: the coordinator's reachability
 * ({@code dtm}, D1003), the barrier DataSource ({@code dtmBarrierDataSource}, D1001) and
 * the Redis barrier's Redis ({@code dtmBarrierRedis}, D1002).
 */
@AutoConfiguration(
		after = { DtmClientAutoConfiguration.class, DtmJdbcAutoConfiguration.class, DtmRedisAutoConfiguration.class },
		afterName = { "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
				"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration" })
@ConditionalOnClass(HealthIndicator.class)
public class DtmHealthAutoConfiguration {

	@Bean
	@ConditionalOnBean(DtmTemplate.class)
	@ConditionalOnEnabledHealthIndicator("dtm")
	@ConditionalOnMissingBean(name = "dtmHealthIndicator")
	DtmHealthIndicator dtmHealthIndicator(DtmTemplate dtmTemplate, DtmClientProperties properties) {
		String property = (properties.getServerUrl() != null && !properties.getServerUrl().isEmpty())
				? "dtm.client.server-url" : "dtm.client.service-name";
		return new DtmHealthIndicator(dtmTemplate, property);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ DataSource.class, JdbcBarrier.class })
	@ConditionalOnEnabledHealthIndicator("dtmBarrierDataSource")
	static class BarrierDataSourceHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "dtmBarrierDataSourceHealthIndicator")
		BarrierDataSourceHealthIndicator dtmBarrierDataSourceHealthIndicator(JdbcBarrier jdbcBarrier,
				Environment environment) {
			return new BarrierDataSourceHealthIndicator(jdbcBarrier,
					new DataSourceTarget(environment.getProperty("spring.datasource.url", ""),
							environment.getProperty("spring.datasource.username", "")));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnBean({ RedisConnectionFactory.class, RedisBarrier.class })
	@ConditionalOnEnabledHealthIndicator("dtmBarrierRedis")
	static class BarrierRedisHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "dtmBarrierRedisHealthIndicator")
		BarrierRedisHealthIndicator dtmBarrierRedisHealthIndicator(RedisConnectionFactory connectionFactory,
				Environment environment) {
			return new BarrierRedisHealthIndicator(connectionFactory,
					environment.getProperty("spring.data.redis.host", "localhost") + ":"
							+ environment.getProperty("spring.data.redis.port", "6379"));
		}

	}

}
