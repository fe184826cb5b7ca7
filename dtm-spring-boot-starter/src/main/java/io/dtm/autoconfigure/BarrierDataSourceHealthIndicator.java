package io.dtm.autoconfigure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

import io.dtm.core.DataSourceTarget;
import io.dtm.core.Diagnosis;
import io.dtm.core.DiagnosticCause;
import io.dtm.core.DiagnosticClassifier;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The barrier's DataSource (D1001): UP when a connection can be opened and validated;
 * DOWN with the classified cause (refused, authentication, unknown database…) otherwise.
 */
class BarrierDataSourceHealthIndicator implements HealthIndicator {

	private final DataSource dataSource;

	private final DataSourceTarget configured;

	BarrierDataSourceHealthIndicator(DataSource dataSource, DataSourceTarget configured) {
		this.dataSource = dataSource;
		this.configured = configured;
	}

	@Override
	public Health health() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!connection.isValid(2)) {
				throw new SQLException("connection is not valid", "08000");
			}
			DatabaseMetaData meta = connection.getMetaData();
			DiagnosisHealth.recovered("barrier-datasource");
			return Health.up().withDetail("database", meta.getDatabaseProductName()).build();
		}
		catch (SQLException | RuntimeException ex) {
			Diagnosis diagnosis = new DiagnosticClassifier(this.configured).classifyDatabase(ex)
				.orElseGet(() -> new Diagnosis(DiagnosticCause.DB_OTHER, "at " + this.configured.address(), null,
						String.valueOf(ex.getMessage())));
			return DiagnosisHealth.down("barrier-datasource", diagnosis);
		}
	}

}
