package io.dtm.client.barrier;

import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * SQL flavours of the barrier table: how a row is inserted "if absent" and how the table
 * is created.
 */
public enum BarrierDialect {

	/** MySQL, MariaDB, TiDB: {@code INSERT IGNORE}. */
	MYSQL,
	/** PostgreSQL: {@code INSERT … ON CONFLICT DO NOTHING}. */
	POSTGRESQL,
	/**
	 * H2 (any compatibility mode): a plain insert whose unique-key violation counts as
	 * "already there" (H2 keeps the transaction usable after it).
	 */
	H2;

	private static final String COLUMNS = "(trans_type, gid, branch_id, op, barrier_id, reason) VALUES (?, ?, ?, ?, ?, ?)";

	String insertSql(String table) {
		return switch (this) {
			case MYSQL -> "INSERT IGNORE INTO " + table + " " + COLUMNS;
			case POSTGRESQL -> "INSERT INTO " + table + " " + COLUMNS + " ON CONFLICT DO NOTHING";
			case H2 -> "INSERT INTO " + table + " " + COLUMNS;
		};
	}

	/**
	 * The statements that create the barrier table (idempotent).
	 * @param table the table name, optionally qualified with a schema (MySQL: database)
	 * @return the statements
	 */
	public List<String> schema(String table) {
		return BarrierSchema.statements(this, table);
	}

	/**
	 * The dialect of a data source, from its JDBC metadata.
	 * @param dataSource the data source
	 * @return the dialect
	 * @throws IllegalStateException if the database is none of the supported ones
	 */
	public static BarrierDialect of(DataSource dataSource) {
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("cannot detect the barrier dialect: " + ex.getMessage(), ex);
		}
		String name = (product != null) ? product.toLowerCase(Locale.ROOT) : "";
		if (name.contains("mysql") || name.contains("mariadb")) {
			return MYSQL;
		}
		if (name.contains("postgres")) {
			return POSTGRESQL;
		}
		if (name.contains("h2")) {
			return H2;
		}
		throw new IllegalStateException("the barrier supports MySQL/MariaDB, PostgreSQL and H2, but the database is '"
				+ product + "'; set dtm.client.barrier.dialect if it speaks one of these dialects");
	}

}
