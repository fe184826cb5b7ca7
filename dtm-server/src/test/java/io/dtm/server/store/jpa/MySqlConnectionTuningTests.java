package io.dtm.server.store.jpa;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MySqlConnectionTuning}.
 */
class MySqlConnectionTuningTests {

	private final MySqlConnectionTuning tuning = new MySqlConnectionTuning();

	@Test
	void whenUrlIsMySqlShouldAddMissingPropertiesAndKeepTheUsersOwn() {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl("jdbc:mysql://db:3306/dtm?cachePrepStmts=false");
			pool.addDataSourceProperty("prepStmtCacheSize", "10");
			this.tuning.postProcessAfterInitialization(pool, "dataSource");
			assertThat(pool.getDataSourceProperties()).containsEntry("useLocalSessionState", "true")
				.containsEntry("rewriteBatchedStatements", "true")
				.containsEntry("openTelemetry", "DISABLED")
				.containsEntry("prepStmtCacheSize", "10")
				.doesNotContainKey("cachePrepStmts");
		}
	}

	@Test
	void whenUrlIsNotMySqlShouldLeaveThePoolAlone() {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl("jdbc:h2:mem:x");
			this.tuning.postProcessAfterInitialization(pool, "dataSource");
			assertThat(pool.getDataSourceProperties()).isEmpty();
		}
	}

}
