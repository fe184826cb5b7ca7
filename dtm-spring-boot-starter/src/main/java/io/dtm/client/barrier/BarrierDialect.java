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
	 * Deletes at most {@code ?2} barrier rows older than {@code ?1} seconds by the
	 * database's own clock (the clock that stamped {@code create_time}), through the
	 * index on {@code create_time}.
	 * @param table the table name
	 * @return the statement
	 */
	String deleteOldSql(String table) {
		return switch (this) {
			case MYSQL -> "DELETE FROM " + table + " WHERE create_time < NOW() - INTERVAL ? SECOND LIMIT ?";
			case POSTGRESQL -> "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
					+ " WHERE create_time < CURRENT_TIMESTAMP - ? * INTERVAL '1 second' LIMIT ?)";
			case H2 -> "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
					+ " WHERE create_time < DATEADD(SECOND, -?, LOCALTIMESTAMP) LIMIT ?)";
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
