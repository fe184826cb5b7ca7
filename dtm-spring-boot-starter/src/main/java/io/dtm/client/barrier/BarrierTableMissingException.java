package io.dtm.client.barrier;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The barrier table does not exist in the barrier's database (D1001, cause "barrier table
 * missing"). Thrown by {@link JdbcBarrier} instead of the driver's SQL grammar error; the
 * starter's web support answers it with HTTP 500 and this message, so the coordinator
 * retries the branch until the table is created. The message names the table and the
 * action: set {@code dtm.client.barrier.initialize-schema=true} or run the dialect's DDL
 * file from the starter jar.
 */
public class BarrierTableMissingException extends RuntimeException {

	/** The cause as health details and reports name it. */
	public static final String CAUSE = "barrier table missing";

	private final String tableName;

	private final BarrierDialect dialect;

	/**
	 * Create the exception.
	 * @param tableName the barrier table as configured
	 * @param dialect the dialect, or {@code null} if unknown
	 * @param cause the driver's error
	 */
	public BarrierTableMissingException(String tableName, BarrierDialect dialect, Throwable cause) {
		super("D1001 database connection failure: " + CAUSE + ": table '" + tableName
				+ "' does not exist in the barrier's DataSource — " + action(tableName, dialect), cause);
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
	 * What creates the table.
	 * @return the action
	 */
	public String getAction() {
		return action(this.tableName, this.dialect);
	}

	/**
	 * What creates the table.
	 * @param tableName the table name
	 * @param dialect the dialect, or {@code null} if unknown
	 * @return the action text
	 */
	public static String action(String tableName, BarrierDialect dialect) {
		String file = "io/dtm/client/barrier/schema-"
				+ ((dialect != null) ? dialect.name().toLowerCase(Locale.ROOT) : "{mysql,postgresql,h2}") + ".sql";
		return "set dtm.client.barrier.initialize-schema=true, or run " + file + " from the dtm-spring-boot-starter jar"
				+ (JdbcBarrier.DEFAULT_TABLE_NAME.equals(tableName) ? ""
						: " with the table name changed to " + tableName);
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
