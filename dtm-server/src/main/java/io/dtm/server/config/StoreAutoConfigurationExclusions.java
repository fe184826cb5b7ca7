package io.dtm.server.config;

import io.dtm.server.config.DtmServerProperties.StoreType;

import org.springframework.boot.actuate.autoconfigure.data.redis.RedisHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.data.redis.RedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.flyway.FlywayEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.h2.H2ConsoleAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JndiDataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.XADataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps Spring Boot's auto-configuration of the store that {@value StoreType#PROPERTY}
 * does not select out of the coordinator: with {@code redis} no DataSource, JPA, Flyway
 * or H2 console is configured (so no database is needed), and with {@code jpa} (the
 * default) no Redis connection factory or Redis health indicator is created (so no Redis
 * is needed). Spring Data Redis repositories are never configured.
 * <p>
 * Each store's exclusions are an {@link ImportAutoConfiguration#exclude()} on a
 * configuration that is conditional on the property, the way Spring Boot selects its
 * Redis client. Spring Boot applies the exclusions of every auto-configuration import of
 * a context to all of them, so they also remove these classes from
 * {@code @SpringBootApplication}'s import. Only the coordinator's own context loads this
 * class (component scanning of {@code io.dtm.server}): another application with
 * dtm-server on its class path keeps its Redis and database auto-configuration. Unknown
 * values exclude nothing; binding {@link DtmServerProperties} then reports them.
 */
@Configuration(proxyBeanMethods = false)
public class StoreAutoConfigurationExclusions {

	/**
	 * The JPA store is selected: no Redis.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreType.PROPERTY, havingValue = "jpa", matchIfMissing = true)
	@ImportAutoConfiguration(exclude = { RedisAutoConfiguration.class, RedisReactiveAutoConfiguration.class,
			RedisRepositoriesAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class,
			RedisReactiveHealthContributorAutoConfiguration.class })
	static class WithoutRedis {

	}

	/**
	 * The Redis store is selected: no database.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreType.PROPERTY, havingValue = "redis")
	@ImportAutoConfiguration(
			exclude = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
					JndiDataSourceAutoConfiguration.class, XADataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class,
					FlywayAutoConfiguration.class, SqlInitializationAutoConfiguration.class,
					H2ConsoleAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
					FlywayEndpointAutoConfiguration.class, RedisRepositoriesAutoConfiguration.class })
	static class WithoutDatabase {

	}

}
