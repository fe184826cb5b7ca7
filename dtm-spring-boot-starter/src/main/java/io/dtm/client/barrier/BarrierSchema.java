package io.dtm.client.barrier;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DDL of the barrier table, the same as the documented files
 * {@code io/dtm/client/barrier/schema-<dialect>.sql} for the default name. Columns and
 * unique key are dtm's ({@code UNIQUE(gid, branch_id, op, barrier_id)}).
 */
final class BarrierSchema {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

	private BarrierSchema() {
	}

	static String checkName(String table) {
		if (table == null || !NAME.matcher(table).matches()) {
			throw new IllegalArgumentException("barrier table name '" + table
					+ "' is not a plain SQL name (letters, digits, '_', optionally 'schema.table')");
		}
		return table;
	}

	static List<String> statements(BarrierDialect dialect, String table) {
		checkName(table);
		int dot = table.indexOf('.');
		String schema = (dot > 0) ? table.substring(0, dot) : null;
		String simple = (dot > 0) ? table.substring(dot + 1) : table;
		List<String> statements = new ArrayList<>();
		switch (dialect) {
			case MYSQL -> {
				if (schema != null) {
					statements.add("CREATE DATABASE IF NOT EXISTS " + schema);
				}
				statements.add("CREATE TABLE IF NOT EXISTS " + table + " (\n" + "  id BIGINT NOT NULL AUTO_INCREMENT,\n"
						+ columns("DATETIME") + "  PRIMARY KEY (id),\n" + "  UNIQUE KEY " + simple
						+ "_uniq (gid, branch_id, op, barrier_id),\n" + "  KEY " + simple
						+ "_create_time (create_time),\n" + "  KEY " + simple + "_update_time (update_time)\n"
						+ ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4");
			}
			case POSTGRESQL, H2 -> {
				if (schema != null) {
					statements.add("CREATE SCHEMA IF NOT EXISTS " + schema);
				}
				String id = (dialect == BarrierDialect.POSTGRESQL) ? "  id BIGSERIAL NOT NULL,\n"
						: "  id BIGINT NOT NULL AUTO_INCREMENT,\n";
				String time = (dialect == BarrierDialect.POSTGRESQL) ? "TIMESTAMP(0) WITH TIME ZONE" : "TIMESTAMP";
				statements
					.add("CREATE TABLE IF NOT EXISTS " + table + " (\n" + id + columns(time) + "  PRIMARY KEY (id),\n"
							+ "  CONSTRAINT " + simple + "_uniq UNIQUE (gid, branch_id, op, barrier_id)\n" + ")");
				statements.add("CREATE INDEX IF NOT EXISTS " + simple + "_create_time ON " + table + " (create_time)");
				statements.add("CREATE INDEX IF NOT EXISTS " + simple + "_update_time ON " + table + " (update_time)");
			}
		}
		return statements;
	}

	private static String columns(String timeType) {
		return "  trans_type VARCHAR(45) NOT NULL DEFAULT '',\n" + "  gid VARCHAR(128) NOT NULL DEFAULT '',\n"
				+ "  branch_id VARCHAR(128) NOT NULL DEFAULT '',\n" + "  op VARCHAR(45) NOT NULL DEFAULT '',\n"
				+ "  barrier_id VARCHAR(45) NOT NULL DEFAULT '',\n" + "  reason VARCHAR(45) NOT NULL DEFAULT '',\n"
				+ "  create_time " + timeType + " NOT NULL DEFAULT CURRENT_TIMESTAMP,\n" + "  update_time " + timeType
				+ " NOT NULL DEFAULT CURRENT_TIMESTAMP,\n";
	}

}
