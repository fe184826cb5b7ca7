package io.dtm.autoconfigure;

import javax.sql.DataSource;

import io.dtm.client.DtmTemplate;
import io.dtm.client.barrier.BarrierCleanup;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.barrier.RedisBarrier;
import io.dtm.client.web.BranchBarrierArgumentResolver;
import io.dtm.client.web.DtmExceptionHandler;
import io.dtm.client.xa.XaParticipant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmJdbcAutoConfiguration}, {@link DtmRedisAutoConfiguration},
 * {@link DtmWebAutoConfiguration} and {@link DtmHealthAutoConfiguration}.
 */
class DtmOptionalAutoConfigurationTests {

	private static final AutoConfigurations DTM = AutoConfigurations.of(DtmClientAutoConfiguration.class,
			DtmJdbcAutoConfiguration.class, DtmRedisAutoConfiguration.class, DtmWebAutoConfiguration.class,
			DtmHealthAutoConfiguration.class);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(DTM)
		.withPropertyValues("dtm.client.server-url=http://dtm:36789");

	private final ApplicationContextRunner jdbcRunner = this.runner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues(
				"spring.datasource.url=jdbc:h2:mem:auto-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa");

	@Test
	void whenDataSourcePresentShouldCreateJdbcBarrierAndWireTemplate() {
		this.jdbcRunner.withPropertyValues("dtm.client.barrier.table-name=my_barrier").run((context) -> {
			assertThat(context).hasSingleBean(JdbcBarrier.class);
			assertThat(context.getBean(JdbcBarrier.class).getTableName()).isEqualTo("my_barrier");
			assertThat(context).doesNotHaveBean(XaParticipant.class);
		});
	}

	@Test
	void whenInitializeSchemaSetShouldCreateTheTable() {
		this.jdbcRunner.withPropertyValues("dtm.client.barrier.initialize-schema=true").run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dtm_barrier", Integer.class)).isZero();
		});
	}

	@Test
	void whenInitializeSchemaNotSetShouldNotTouchTheDatabase() {
		this.jdbcRunner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'dtm_barrier'",
					Integer.class))
				.isZero();
		});
	}

	@Test
	void whenBarrierCleanupIsNotEnabledShouldNotCreateIt() {
		this.jdbcRunner.run((context) -> assertThat(context).doesNotHaveBean(BarrierCleanup.class));
	}

	@Test
	void whenBarrierCleanupIsEnabledShouldRunItAndCountWhatItDeletes() {
		this.jdbcRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("dtm.client.barrier.initialize-schema=true", "dtm.client.barrier.cleanup.enabled=true",
					"dtm.client.barrier.cleanup.max-age=1h", "dtm.client.barrier.cleanup.interval=1h")
			.run((context) -> {
				BarrierCleanup cleanup = context.getBean(BarrierCleanup.class);
				assertThat(cleanup.isRunning()).isTrue();
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				jdbc.update("INSERT INTO dtm_barrier (trans_type, gid, branch_id, op, barrier_id, reason, create_time) "
						+ "VALUES ('saga', 'old', '01', 'action', '01', 'action', DATEADD(DAY, -1, LOCALTIMESTAMP))");

				assertThat(cleanup.sweep()).isOne();
				assertThat(context.getBean(SimpleMeterRegistry.class)
					.get("dtm.barrier.cleanup.deleted")
					.tag("table", "dtm_barrier")
					.counter()
					.count()).isOne();
			});
	}

	@Test
	void whenBarrierCleanupMaxAgeIsUnderAMinuteShouldFailToStart() {
		this.jdbcRunner
			.withPropertyValues("dtm.client.barrier.cleanup.enabled=true", "dtm.client.barrier.cleanup.max-age=10s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseMessage("'maxAge' must be at least one minute"));
	}

	@Test
	void whenUserDefinesJdbcBarrierShouldBackOff() {
		this.jdbcRunner
			.withBean("myBarrier", JdbcBarrier.class, () -> JdbcBarrier.create(new org.h2.jdbcx.JdbcDataSource()))
			.run((context) -> assertThat(context.getBeansOfType(JdbcBarrier.class)).containsOnlyKeys("myBarrier"));
	}

	@Test
	void whenSpringJdbcAbsentShouldStillCreateTemplate() {
		this.runner.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
			.run((context) -> assertThat(context).hasSingleBean(DtmTemplate.class).doesNotHaveBean(JdbcBarrier.class));
	}

	@Test
	void whenNoDataSourceShouldNotCreateJdbcBarrier() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(JdbcBarrier.class));
	}

	@Test
	void whenMySqlDataSourceShouldCreateXaParticipant() {
		this.runner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:mysql://127.0.0.1:1/none",
					"spring.datasource.hikari.initialization-fail-timeout=-1")
			.run((context) -> assertThat(context).hasSingleBean(XaParticipant.class));
	}

	@Test
	void whenRedisPresentShouldCreateRedisBarrier() {
		this.runner.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(RedisBarrier.class));
	}

	@Test
	void whenRedisAbsentShouldNotCreateRedisBarrier() {
		this.runner.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(StringRedisTemplate.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisBarrier.class));
	}

	@Test
	void whenNoRedisConnectionFactoryShouldNotCreateRedisBarrier() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RedisBarrier.class));
	}

	@Test
	void whenServletWebApplicationShouldRegisterWebSupport() {
		new WebApplicationContextRunner().withConfiguration(DTM)
			.withPropertyValues("dtm.client.server-url=http://dtm:36789")
			.run((context) -> assertThat(context).hasSingleBean(BranchBarrierArgumentResolver.class)
				.hasSingleBean(DtmExceptionHandler.class));
	}

	@Test
	void whenWebSupportDisabledShouldNotRegisterIt() {
		new WebApplicationContextRunner().withConfiguration(DTM)
			.withPropertyValues("dtm.client.server-url=http://dtm:36789", "dtm.client.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BranchBarrierArgumentResolver.class)
				.doesNotHaveBean(DtmExceptionHandler.class));
	}

	@Test
	void whenSpringMvcAbsentShouldNotRegisterWebSupport() {
		new WebApplicationContextRunner().withConfiguration(DTM)
			.withPropertyValues("dtm.client.server-url=http://dtm:36789")
			.withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BranchBarrierArgumentResolver.class));
	}

	@Test
	void whenNotAWebApplicationShouldNotRegisterWebSupport() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(DtmExceptionHandler.class));
	}

	@Test
	void whenUserDefinesExceptionHandlerShouldBackOff() {
		new WebApplicationContextRunner().withConfiguration(DTM)
			.withPropertyValues("dtm.client.server-url=http://dtm:36789")
			.withBean("mine", DtmExceptionHandler.class, DtmExceptionHandler::new)
			.run((context) -> assertThat(context.getBeansOfType(DtmExceptionHandler.class)).containsOnlyKeys("mine"));
	}

	@Test
	void whenActuatorPresentShouldCreateHealthIndicator() {
		this.runner.run((context) -> assertThat(context).hasBean("dtmHealthIndicator"));
	}

	@Test
	void whenHealthIndicatorDisabledShouldNotCreateIt() {
		this.runner.withPropertyValues("management.health.dtm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("dtmHealthIndicator"));
	}

	@Test
	void whenActuatorAbsentShouldNotCreateHealthIndicator() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("dtmHealthIndicator"));
	}

	@Test
	void whenCoordinatorDownHealthShouldBeDown() {
		this.runner.withPropertyValues("dtm.client.server-url=http://127.0.0.1:1", "dtm.client.connect-timeout=200ms")
			.run((context) -> assertThat(
					context.getBean("dtmHealthIndicator", HealthIndicator.class).health().getStatus().getCode())
				.isEqualTo("DOWN"));
	}

}
