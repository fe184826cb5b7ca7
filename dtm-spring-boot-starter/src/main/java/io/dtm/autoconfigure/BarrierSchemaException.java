package io.dtm.autoconfigure;

import io.dtm.core.diagnostics.DataSourceTarget;

/**
 * Thrown at start-up when {@code dtm.client.barrier.initialize-schema=true} and the
 * barrier table cannot be created: the database cannot be reached or refuses the user,
 * the dialect cannot be detected, or the DDL fails. Reported with the D1001 cause and the
 * property to change by {@link BarrierSchemaFailureAnalyzer}.
 */
public class BarrierSchemaException extends IllegalStateException {

	private final String tableName;

	private final transient DataSourceTarget dataSource;

	BarrierSchemaException(String tableName, DataSourceTarget dataSource, Throwable cause) {
		super("cannot create the barrier table '" + tableName + "' (dtm.client.barrier.initialize-schema=true) at "
				+ dataSource.address() + ": " + cause.getMessage(), cause);
		this.tableName = tableName;
		this.dataSource = dataSource;
	}

	/**
	 * The barrier table.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * The configured database.
	 * @return its URL and user
	 */
	public DataSourceTarget getDataSource() {
		return this.dataSource;
	}

}
