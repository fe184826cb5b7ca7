package io.dtm.autoconfigure;

import java.net.URI;

import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BarrierSchemaFailureAnalyzer}: the barrier table cannot be created at
 * start-up, against a real MariaDB.
 */
@Tag("integration")
class BarrierSchemaFailureAnalyzerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, DtmClientAutoConfiguration.class,
				DtmJdbcAutoConfiguration.class))
		.withPropertyValues("dtm.client.server-url=http://127.0.0.1:1", "dtm.client.barrier.initialize-schema=true",
				"spring.datasource.hikari.connection-timeout=1000");

	@Test
	void whenPasswordIsWrongShouldReportD1001AuthenticationWithThePropertyToChange() {
		ExternalServices.Db db = ExternalServices.mysql();
		URI address = URI.create(db.url().substring("jdbc:".length()));
		this.runner
			.withPropertyValues("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
					"spring.datasource.password=wrong-" + db.password())
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new BarrierSchemaFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith("D1001 database connection failure: authentication failed for user '" + db.user()
							+ "' at " + address.getHost() + ":" + address.getPort())
					.contains("barrier table 'dtm_barrier' could not be created")
					.contains("Access denied")
					.doesNotContain("cannot detect the barrier dialect");
				assertThat(analysis.getAction()).startsWith("Change spring.datasource.password: ")
					.contains("spring.datasource.username")
					.contains("mysql -h " + address.getHost() + " -P " + address.getPort() + " -u " + db.user());
			});
	}

	@Test
	void whenDatabaseIsReachableShouldCreateTheTableAndStart() {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("schema");
		this.runner
			.withPropertyValues("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
					"spring.datasource.password=" + db.password())
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
