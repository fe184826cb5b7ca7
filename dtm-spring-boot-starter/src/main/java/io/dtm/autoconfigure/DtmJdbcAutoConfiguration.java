package io.dtm.autoconfigure;

import java.util.function.IntConsumer;

import javax.sql.DataSource;

import io.dtm.client.DtmOperations;
import io.dtm.client.DtmTemplateCustomizer;
import io.dtm.client.barrier.BarrierCleanup;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.xa.XaConnectionFactory;
import io.dtm.client.xa.XaParticipant;
import io.dtm.core.diagnostics.DataSourceTarget;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The JDBC barrier on the application's single {@link DataSource}, in the transactions of
 * its {@link PlatformTransactionManager}; opt-in creation of the barrier table; and the
 * XA participant helper when the data source is MySQL-compatible.
 */
@AutoConfiguration(
		after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				TransactionAutoConfiguration.class, DtmClientAutoConfiguration.class },
		afterName = "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration")
@ConditionalOnClass({ JdbcTemplate.class, PlatformTransactionManager.class })
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(DtmClientProperties.class)
public class DtmJdbcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcBarrier jdbcBarrier(DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactionManager,
			DtmClientProperties properties) {
		return new JdbcBarrier(dataSource,
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)),
				properties.getBarrier().getDialect(), properties.getBarrier().getTableName());
	}

	@Bean
	@ConditionalOnProperty(prefix = "dtm.client.barrier", name = "initialize-schema", havingValue = "true")
	InitializingBean dtmBarrierSchemaInitializer(JdbcBarrier jdbcBarrier, Environment environment) {
		return () -> {
			try {
				jdbcBarrier.initializeSchema();
			}
			catch (RuntimeException ex) {
				throw new BarrierSchemaException(jdbcBarrier.getTableName(),
						new DataSourceTarget(environment.getProperty("spring.datasource.url", ""),
								environment.getProperty("spring.datasource.username", "")),
						ex);
			}
		};
	}

	@Bean
	DtmTemplateCustomizer dtmJdbcBarrierCustomizer(JdbcBarrier jdbcBarrier, DtmClientProperties properties) {
		return (template) -> template.setJdbcBarrierFactory((dataSource) -> (dataSource == jdbcBarrier.getDataSource())
				? jdbcBarrier : new JdbcBarrier(dataSource, new DataSourceTransactionManager(dataSource),
						properties.getBarrier().getDialect(), properties.getBarrier().getTableName()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ DataSourceProperties.class, DtmOperations.class })
	@Conditional(OnMySqlDataSourceCondition.class)
	XaParticipant xaParticipant(DataSourceProperties dataSource, DtmOperations dtm, DtmClientProperties properties) {
		return new XaParticipant(() -> XaConnectionFactory
			.driverManager(dataSource.determineUrl(), dataSource.determineUsername(), dataSource.determinePassword())
			.open(), dtm, properties.getBarrier().getTableName());
	}

	/**
	 * Cleanup of old barrier rows, when {@code dtm.client.barrier.cleanup.enabled}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "dtm.client.barrier.cleanup", name = "enabled", havingValue = "true")
	static class BarrierCleanupConfiguration {

		@Bean
		BarrierCleanup dtmBarrierCleanup(JdbcBarrier jdbcBarrier, DtmClientProperties properties,
				ObjectProvider<BarrierCleanupMeter> meter) {
			DtmClientProperties.Cleanup cleanup = properties.getBarrier().getCleanup();
			IntConsumer deleted = meter.getIfAvailable();
			return new BarrierCleanup(jdbcBarrier, cleanup.getMaxAge(), cleanup.getInterval(), cleanup.getBatchSize(),
					cleanup.getBatchPause(), (deleted != null) ? deleted : (count) -> {
					});
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterRegistry.class)
		static class BarrierCleanupMetricsConfiguration {

			@Bean
			BarrierCleanupMeter dtmBarrierCleanupMeter(ObjectProvider<MeterRegistry> registry,
					JdbcBarrier jdbcBarrier) {
				return new BarrierCleanupMeter(registry, jdbcBarrier.getTableName());
			}

		}

	}

}
