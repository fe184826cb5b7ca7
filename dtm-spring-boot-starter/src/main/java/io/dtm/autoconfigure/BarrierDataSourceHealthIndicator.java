package io.dtm.autoconfigure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import io.dtm.client.barrier.BarrierTableMissingException;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.diagnostics.DataSourceTarget;
import io.dtm.core.diagnostics.DiagnosticClassifier;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The barrier's DataSource (D1001): UP when a connection can be opened and validated and
 * the barrier table exists; DOWN with the classified cause (refused, authentication,
 * unknown database…, or "barrier table missing" with the way to create it) otherwise.
 */
class BarrierDataSourceHealthIndicator implements HealthIndicator {

	private final JdbcBarrier barrier;

	private final DataSourceTarget configured;

	BarrierDataSourceHealthIndicator(JdbcBarrier barrier, DataSourceTarget configured) {
		this.barrier = barrier;
		this.configured = configured;
	}

	@Override
	public Health health() {
		String product;
		DataSourceTarget target = this.configured;
		try (Connection connection = this.barrier.getDataSource().getConnection()) {
			if (!connection.isValid(2)) {
				throw new SQLException("connection is not valid", "08000");
			}
			DatabaseMetaData meta = connection.getMetaData();
			product = meta.getDatabaseProductName();
			if (target.url().isEmpty() && meta.getURL() != null) {
				target = new DataSourceTarget(meta.getURL(), String.valueOf(meta.getUserName()));
			}
			this.barrier.checkTable();
		}
		catch (BarrierTableMissingException ex) {
			return DiagnosisHealth.down("barrier-datasource", ex.getDiagnosis(target));
		}
		catch (SQLException | RuntimeException ex) {
			return DiagnosisHealth.down("barrier-datasource", new DiagnosticClassifier(target).diagnoseDatabase(ex));
		}
		DiagnosisHealth.recovered("barrier-datasource");
		return Health.up().withDetail("database", product).withDetail("table", this.barrier.getTableName()).build();
	}

}
