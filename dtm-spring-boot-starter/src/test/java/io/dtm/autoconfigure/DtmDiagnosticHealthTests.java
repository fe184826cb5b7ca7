package io.dtm.autoconfigure;

import java.net.URI;
import java.util.Map;

import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the participant-side D-codes in {@link DtmHealthAutoConfiguration}: the
 * coordinator (D1003), the barrier DataSource (D1001) and the Redis barrier (D1002), each
 * against a real service or a really closed port.
 */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
class DtmDiagnosticHealthTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DtmClientAutoConfiguration.class, DtmJdbcAutoConfiguration.class,
				DtmRedisAutoConfiguration.class, DtmHealthAutoConfiguration.class));

	@Test
	void whenCoordinatorIsUnreachableHealthShouldReportD1003(CapturedOutput output) {
		this.runner.withPropertyValues("dtm.client.server-url=http://127.0.0.1:1", "dtm.client.retry.max-attempts=1")
			.run((context) -> {
				Health health = context.getBean("dtmHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("code", "D1003")
					.containsEntry("cause", "coordinator unreachable: connection refused")
					.containsEntry("target", "at http://127.0.0.1:1")
					.containsEntry("action", "start the coordinator at http://127.0.0.1:1 or fix dtm.client.server-url")
					.containsEntry("property", "dtm.client.server-url")
					.containsEntry("manualCheck", "curl http://127.0.0.1:1/api/ping")
					.containsEntry("error", "connection refused");
			});
		assertThat(output)
			.contains("D1003 network timeout or service registration failure: coordinator unreachable: "
					+ "connection refused at http://127.0.0.1:1 — start the coordinator")
			.doesNotContain(": null")
			.doesNotContain("ClosedChannelException");
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb", "postgresql" })
	void whenBarrierTableIsMissingHealthShouldReportD1001WithTheAction(String database) {
		ExternalServices.Db db = switch (database) {
			case "mariadb" -> ExternalServices.freshMysqlDatabase("health");
			case "postgresql" -> ExternalServices.freshPostgresSchema("health");
			default -> new ExternalServices.Db("jdbc:h2:mem:health;DB_CLOSE_DELAY=-1", "sa", "", "embedded");
		};
		String dialect = database.equals("mariadb") ? "mysql" : database;
		ApplicationContextRunner runner = this.runner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withPropertyValues("dtm.client.server-url=http://127.0.0.1:1", "spring.datasource.url=" + db.url(),
					"spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password());
		runner.run((context) -> {
			Health health = context.getBean("dtmBarrierDataSourceHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("code", "D1001")
				.containsEntry("cause", "barrier table missing")
				.containsEntry("property", "dtm.client.barrier.initialize-schema")
				.containsEntry("action", "set dtm.client.barrier.initialize-schema=true, or run io/dtm/client/barrier/"
						+ "schema-" + dialect + ".sql from the dtm-spring-boot-starter jar");
			assertThat((String) health.getDetails().get("target")).startsWith("'dtm_barrier' at ");
			assertThat((String) health.getDetails().get("manualCheck")).contains("dtm_barrier").doesNotContain("<");
		});
		runner.withPropertyValues("dtm.client.barrier.initialize-schema=true")
			.run((context) -> assertThat(
					context.getBean("dtmBarrierDataSourceHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP));
	}

	@Test
	void whenBarrierDatabasePasswordIsWrongHealthShouldReportD1001AuthenticationFailed() {
		ExternalServices.Db db = ExternalServices.mysql();
		this.runner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withPropertyValues("dtm.client.server-url=http://127.0.0.1:1", "spring.datasource.url=" + db.url(),
					"spring.datasource.username=" + db.user(), "spring.datasource.password=wrong-" + db.password(),
					"spring.datasource.hikari.connection-timeout=1000",
					"spring.datasource.hikari.initialization-fail-timeout=-1")
			.run((context) -> {
				Health health = context.getBean("dtmBarrierDataSourceHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("code", "D1001")
					.containsEntry("cause", "authentication failed")
					.containsEntry("property", "spring.datasource.password");
				assertThat((String) health.getDetails().get("target")).startsWith("for user '" + db.user() + "'");
				URI address = URI.create(db.url().substring("jdbc:".length()));
				assertThat(health.getDetails()).containsEntry("manualCheck",
						"mysql -h " + address.getHost() + " -P " + address.getPort() + " -u " + db.user() + " -p");
			});
	}

	@Test
	void whenBarrierDatabaseAnswersHealthShouldBeUp() {
		ExternalServices.Db db = ExternalServices.mysql();
		this.runner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withPropertyValues("dtm.client.server-url=http://127.0.0.1:1", "spring.datasource.url=" + db.url(),
					"spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
					"dtm.client.barrier.initialize-schema=true")
			.run((context) -> assertThat(
					context.getBean("dtmBarrierDataSourceHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP));
	}

	@Test
	void whenBarrierRedisPortIsClosedHealthShouldReportD1002ConnectionRefused() {
		URI redis = URI.create(ExternalServices.redis().url());
		this.runner.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
			.withPropertyValues("dtm.client.server-url=http://127.0.0.1:1", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=1", "spring.data.redis.connect-timeout=1s")
			.run((context) -> {
				Map<String, Object> details = context.getBean("dtmBarrierRedisHealthIndicator", HealthIndicator.class)
					.health()
					.getDetails();
				assertThat(details).containsEntry("code", "D1002")
					.containsEntry("cause", "connection refused")
					.containsEntry("target", "at 127.0.0.1:1")
					.containsEntry("manualCheck", "redis-cli -h 127.0.0.1 -p 1 ping");
			});
		this.runner.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
			.withPropertyValues("dtm.client.server-url=http://127.0.0.1:1", "spring.data.redis.host=" + redis.getHost(),
					"spring.data.redis.port=" + redis.getPort())
			.run((context) -> assertThat(
					context.getBean("dtmBarrierRedisHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP));
	}

}
