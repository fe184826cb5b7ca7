package io.dtm.server.config;

import java.util.Arrays;
import java.util.Set;

import javax.sql.DataSource;

import io.dtm.server.config.DtmServerProperties.StoreType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.data.redis.RedisHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.data.redis.RedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.flyway.FlywayEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StoreAutoConfigurationExclusions}: a context that imports Spring
 * Boot's database and Redis auto-configuration the way the coordinator does keeps only
 * those of the store {@value StoreType#PROPERTY} selects, and a context that does not
 * load the coordinator's configuration keeps them all. Nothing connects: the embedded H2
 * database is in memory and the Redis connection factory is lazy.
 */
class StoreAutoConfigurationExclusionsTests {

	private static final String[] DATABASE = names(DataSourceAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			JdbcClientAutoConfiguration.class, JndiDataSourceAutoConfiguration.class,
			XADataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			JpaRepositoriesAutoConfiguration.class, FlywayAutoConfiguration.class,
			SqlInitializationAutoConfiguration.class, H2ConsoleAutoConfiguration.class,
			DataSourceHealthContributorAutoConfiguration.class, FlywayEndpointAutoConfiguration.class);

	private static final String[] REDIS = names(RedisAutoConfiguration.class, RedisReactiveAutoConfiguration.class,
			RedisHealthContributorAutoConfiguration.class, RedisReactiveHealthContributorAutoConfiguration.class);

	private final ApplicationContextRunner coordinator = new ApplicationContextRunner()
		.withUserConfiguration(CoordinatorStoreConfiguration.class);

	@Test
	void whenStoreIsRedisShouldKeepTheDatabaseAutoConfigurationOut() {
		this.coordinator.withPropertyValues(StoreType.PROPERTY + "=redis").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(DataSource.class)
				.doesNotHaveBean(JdbcTemplate.class)
				.doesNotHaveBean("dbHealthContributor")
				.hasSingleBean(RedisConnectionFactory.class)
				.hasBean("redisHealthContributor");
			assertThat(context.getBean(DtmServerProperties.class).getStore().getType()).isEqualTo(StoreType.REDIS);
			assertThat(exclusions(context)).contains(DATABASE)
				.contains(RedisRepositoriesAutoConfiguration.class.getName())
				.doesNotContain(REDIS);
		});
	}

	@Test
	void whenStoreIsJpaShouldKeepTheRedisAutoConfigurationOut() {
		this.coordinator.withPropertyValues(StoreType.PROPERTY + "=jpa").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(DataSource.class)
				.hasSingleBean(JdbcTemplate.class)
				.hasBean("dbHealthContributor")
				.doesNotHaveBean(RedisConnectionFactory.class)
				.doesNotHaveBean("redisHealthContributor");
			assertThat(exclusions(context)).contains(REDIS)
				.contains(RedisRepositoriesAutoConfiguration.class.getName())
				.doesNotContain(DATABASE);
		});
	}

	@Test
	void whenStoreTypeIsUnsetShouldSelectJpa() {
		this.coordinator.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(DataSource.class)
				.doesNotHaveBean(RedisConnectionFactory.class);
			assertThat(context.getBean(DtmServerProperties.class).getStore().getType()).isEqualTo(StoreType.JPA);
		});
	}

	@Test
	void whenStoreTypeIsUnknownShouldExcludeNothingAndLeaveBindingToReportIt() {
		new ApplicationContextRunner().withUserConfiguration(StoreAutoConfigurationExclusions.class)
			.withPropertyValues(StoreType.PROPERTY + "=mongo")
			.run((context) -> assertThat(exclusions(context)).isEmpty());
		this.coordinator.withPropertyValues(StoreType.PROPERTY + "=mongo")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under '" + StoreType.PROPERTY + "'"));
	}

	@Test
	void whenAnotherApplicationHasDtmServerOnItsClassPathShouldKeepItsRedisAutoConfiguration() {
		new ApplicationContextRunner().withUserConfiguration(ParticipantConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RedisConnectionFactory.class)
				.hasBean("redisHealthContributor"));
	}

	private static Set<String> exclusions(AssertableApplicationContext context) {
		return Set.copyOf(ConditionEvaluationReport.get(context.getBeanFactory()).getExclusions());
	}

	private static String[] names(Class<?>... classes) {
		return Arrays.stream(classes).map(Class::getName).toArray(String[]::new);
	}

	/**
	 * Imports some of the database and Redis auto-configuration that the coordinator's
	 * {@code @SpringBootApplication} imports (JPA and Flyway left out to keep the test
	 * fast), and the coordinator's store exclusions.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			DataSourceHealthContributorAutoConfiguration.class, RedisAutoConfiguration.class,
			RedisRepositoriesAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class })
	@AutoConfigurationPackage
	@Import(StoreAutoConfigurationExclusions.class)
	@EnableConfigurationProperties(DtmServerProperties.class)
	static class CoordinatorStoreConfiguration {

	}

	/**
	 * A participant application: Spring Boot's Redis auto-configuration, no coordinator
	 * configuration, no {@code dtm.server.store.type}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RedisAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class })
	static class ParticipantConfiguration {

	}

}
