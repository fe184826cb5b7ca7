package io.dtm.client.barrier;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import io.dtm.core.diagnostics.DataSourceTarget;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.DiagnosticClassifier;

/**
 * The barrier table does not exist in the barrier's database (D1001, cause "barrier table
 * missing" of the shared catalogue). Thrown by {@link JdbcBarrier} instead of the
 * driver's SQL grammar error; the starter's web support answers it with HTTP 500 and this
 * message, so the coordinator retries the branch until the table is created. The message
 * names the table and the action: set {@code dtm.client.barrier.initialize-schema=true}
 * or run the dialect's DDL file from the starter jar.
 */
public class BarrierTableMissingException extends RuntimeException {

	private final String tableName;

	private final BarrierDialect dialect;

	/**
	 * Create the exception.
	 * @param tableName the barrier table as configured
	 * @param dialect the dialect, or {@code null} if unknown
	 * @param cause the driver's error
	 */
	public BarrierTableMissingException(String tableName, BarrierDialect dialect, Throwable cause) {
		super(diagnosis(tableName, dialect, cause).message(), cause);
		this.tableName = tableName;
		this.dialect = dialect;
	}

	/**
	 * The barrier table as configured ({@code dtm.client.barrier.table-name}).
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * The dialect of the barrier's database.
	 * @return the dialect, or {@code null} if unknown
	 */
	public BarrierDialect getDialect() {
		return this.dialect;
	}

	/**
	 * The problem as the exception's message states it.
	 * @return the D1001 diagnosis
	 */
	public Diagnosis getDiagnosis() {
		return diagnosis(this.tableName, this.dialect, getCause());
	}

	/**
	 * The problem as health reports it for the barrier's database: the table and its
	 * address as target, and the command that describes the table there.
	 * @param dataSource the barrier's database
	 * @return the D1001 diagnosis
	 */
	public Diagnosis getDiagnosis(DataSourceTarget dataSource) {
		return new DiagnosticClassifier(dataSource)
			.database(DiagnosticCause.BARRIER_TABLE_MISSING, "'" + this.tableName + "' at " + dataSource.address(),
					error(getCause()))
			.filledIn(placeholders(this.tableName, this.dialect));
	}

	/**
	 * What creates the table.
	 * @return the action
	 */
	public String getAction() {
		return getDiagnosis().action();
	}

	private static Diagnosis diagnosis(String tableName, BarrierDialect dialect, Throwable cause) {
		return new Diagnosis(DiagnosticCause.BARRIER_TABLE_MISSING, "", null, error(cause))
			.withReason("table '" + tableName + "' does not exist in the barrier's DataSource")
			.filledIn(placeholders(tableName, dialect));
	}

	private static Map<String, String> placeholders(String tableName, BarrierDialect dialect) {
		String file = "io/dtm/client/barrier/schema-"
				+ ((dialect != null) ? dialect.name().toLowerCase(Locale.ROOT) : "{mysql,postgresql,h2}") + ".sql";
		if (!JdbcBarrier.DEFAULT_TABLE_NAME.equals(tableName)) {
			file = file + " (with the table name changed to " + tableName + ")";
		}
		return Map.of("schema-file", file, "table", tableName);
	}

	private static String error(Throwable cause) {
		String error = (cause != null) ? String.valueOf(cause.getMessage()) : "";
		int newline = error.indexOf('\n');
		return (newline >= 0) ? error.substring(0, newline) : error;
	}

	/**
	 * Whether an exception (or one of its causes) says that a table does not exist:
	 * SQLState {@code 42S02} (MySQL, MariaDB, H2) or {@code 42P01} (PostgreSQL), MySQL's
	 * error 1146, or H2's errors 42102 to 42104.
	 * @param failure the exception
	 * @return {@code true} if a table is missing
	 */
	public static boolean isMissingTable(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof SQLException sql) {
				String state = (sql.getSQLState() != null) ? sql.getSQLState() : "";
				int code = sql.getErrorCode();
				if (state.equals("42S02") || state.equals("42P01") || code == 1146
						|| (code >= 42102 && code <= 42104)) {
					return true;
				}
			}
		}
		return false;
	}

}
