package io.dtm.core.diagnostics;

import java.util.HashMap;
import java.util.Map;

/**
 * What a diagnosis says about the configured database: its address, user and database
 * name, read from {@code spring.datasource.*} without connecting.
 *
 * @param url the JDBC URL
 * @param user the user
 */
public record DataSourceTarget(String url, String user) {

	/**
	 * {@code host:port} for network URLs, the file for H2.
	 * @return the address
	 */
	public String address() {
		String rest = afterScheme();
		if (rest == null) {
			return this.url;
		}
		int end = indexOfAny(rest, "/?;");
		String hostPort = (end >= 0) ? rest.substring(0, end) : rest;
		if (hostPort.indexOf(':') < 0 && this.url.startsWith("jdbc:mysql:")) {
			hostPort = hostPort + ":3306";
		}
		return hostPort;
	}

	/**
	 * The database (schema) named in the URL.
	 * @return the name, or empty
	 */
	public String database() {
		String rest = afterScheme();
		if (rest == null) {
			return "";
		}
		int slash = rest.indexOf('/');
		if (slash < 0) {
			return "";
		}
		String db = rest.substring(slash + 1);
		int end = indexOfAny(db, "?;");
		return (end >= 0) ? db.substring(0, end) : db;
	}

	/**
	 * A cause's manual check for this database: with the PostgreSQL client for a
	 * PostgreSQL URL, the MySQL client otherwise, and host, port, user and database
	 * filled in. For H2 it names the URL, as there is no server to ask.
	 * @param cause the cause
	 * @return the check; a {@code <table>} placeholder is left for the caller
	 */
	public String manualCheck(DiagnosticCause cause) {
		if (this.url.startsWith("jdbc:h2:")) {
			return (cause == DiagnosticCause.BARRIER_TABLE_MISSING) ? "SELECT * FROM <table> on " + this.url
					: "check " + this.url;
		}
		String check = cause.check();
		if (this.url.startsWith("jdbc:postgresql:")) {
			check = check
				.replace("mysql -h <host> -P <port> -u <user> -p <database> -e 'DESCRIBE <table>'",
						"psql -h <host> -p <port> -U <user> -d <database> -c '\\d <table>'")
				.replace("mysql -h <host> -P <port> -u <user> -p -e 'SHOW DATABASES'",
						"psql -h <host> -p <port> -U <user> -l")
				.replace("mysql -h <host> -P <port> -u <user> -p -e 'SHOW GRANTS'",
						"psql -h <host> -p <port> -U <user> -d <database> -c '\\dp'")
				.replace("mysql -h <host> -P <port> -u <user> -p",
						"psql -h <host> -p <port> -U <user> -d <database> -c 'select 1'")
				.replace("systemctl status mysql", "systemctl status postgresql")
				.replace("SHOW PROCESSLIST", "SELECT * FROM pg_stat_activity");
		}
		Map<String, String> values = new HashMap<>(Placeholders.hostAndPort(address()));
		values.put("user", this.user);
		values.put("database", database());
		return Placeholders.fill(check, values);
	}

	/**
	 * Whether the URL is the embedded H2 file store.
	 * @return {@code true} for {@code jdbc:h2:file:}
	 */
	public boolean isH2File() {
		return this.url.startsWith("jdbc:h2:file:") || (this.url.startsWith("jdbc:h2:") && !this.url.contains(":mem:")
				&& !this.url.contains("tcp://") && !this.url.contains("ssl://"));
	}

	private String afterScheme() {
		int start = this.url.indexOf("://");
		return (start >= 0) ? this.url.substring(start + 3) : null;
	}

	private static int indexOfAny(String text, String chars) {
		for (int i = 0; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

}
