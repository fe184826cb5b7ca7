package io.dtm.autoconfigure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import io.dtm.client.barrier.BarrierTableMissingException;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.DataSourceTarget;
import io.dtm.core.Diagnosis;
import io.dtm.core.DiagnosticCause;
import io.dtm.core.DiagnosticClassifier;
import io.dtm.core.DiagnosticCode;

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
			return DiagnosisHealth.down("barrier-datasource", missingTable(ex, target));
		}
		catch (SQLException | RuntimeException ex) {
			Diagnosis diagnosis = new DiagnosticClassifier(target).classifyDatabase(ex)
				.orElseGet(() -> new Diagnosis(DiagnosticCause.DB_OTHER, "at " + this.configured.address(), null,
						String.valueOf(ex.getMessage())));
			return DiagnosisHealth.down("barrier-datasource",
					HealthReport.of(diagnosis, ManualChecks.database(diagnosis.cause(), target)));
		}
		DiagnosisHealth.recovered("barrier-datasource");
		return Health.up().withDetail("database", product).withDetail("table", this.barrier.getTableName()).build();
	}

	static HealthReport missingTable(BarrierTableMissingException ex, DataSourceTarget target) {
		String error = (ex.getCause() != null) ? String.valueOf(ex.getCause().getMessage()) : ex.getMessage();
		int newline = error.indexOf('\n');
		return new HealthReport(DiagnosticCode.D1001, BarrierTableMissingException.CAUSE,
				"'" + ex.getTableName() + "' at " + target.address(), ex.getAction(),
				"dtm.client.barrier.initialize-schema", ManualChecks.table(target, ex.getTableName()),
				(newline >= 0) ? error.substring(0, newline) : error);
	}

}
