package io.dtm.autoconfigure;

import io.dtm.core.DataSourceTarget;
import io.dtm.core.DiagnosticCause;

/**
 * The manual checks of {@link DiagnosticCause} with the configured values in place of
 * their placeholders: host, port, user and database for D1001 (with the PostgreSQL client
 * for a PostgreSQL URL), host and port for D1002, the URL for D1003.
 */
final class ManualChecks {

	private ManualChecks() {
	}

	static String database(DiagnosticCause cause, DataSourceTarget target) {
		String address = target.address();
		int colon = address.lastIndexOf(':');
		String host = (colon > 0) ? address.substring(0, colon) : address;
		String port = (colon > 0) ? address.substring(colon + 1) : "";
		String check = cause.check();
		if (target.url().startsWith("jdbc:postgresql:")) {
			check = check
				.replace("mysql -h <host> -P <port> -u <user> -p",
						"psql -h <host> -p <port> -U <user> -d " + target.database() + " -c 'select 1'")
				.replace("systemctl status mysql", "systemctl status postgresql")
				.replace("mysql -e 'SHOW DATABASES'", "psql -h <host> -p <port> -U <user> -l")
				.replace("SHOW PROCESSLIST", "SELECT * FROM pg_stat_activity");
		}
		else if (target.url().startsWith("jdbc:h2:")) {
			return "check " + target.url();
		}
		return check.replace("<host>", host)
			.replace("<port>", port)
			.replace("<user>", target.user())
			.replace("<database>", target.database());
	}

	static String table(DataSourceTarget target, String table) {
		String address = target.address();
		int colon = address.lastIndexOf(':');
		String host = (colon > 0) ? address.substring(0, colon) : address;
		String port = (colon > 0) ? address.substring(colon + 1) : "";
		if (target.url().startsWith("jdbc:postgresql:")) {
			return "psql -h " + host + " -p " + port + " -U " + target.user() + " -d " + target.database() + " -c '\\d "
					+ table + "'";
		}
		if (target.url().startsWith("jdbc:mysql:") || target.url().startsWith("jdbc:mariadb:")) {
			return "mysql -h " + host + " -P " + port + " -u " + target.user() + " -p " + target.database()
					+ " -e 'DESCRIBE " + table + "'";
		}
		return "SELECT * FROM " + table + " on " + target.url();
	}

	static String redis(DiagnosticCause cause, String endpoint) {
		int colon = endpoint.lastIndexOf(':');
		String host = (colon > 0) ? endpoint.substring(0, colon) : endpoint;
		String port = (colon > 0) ? endpoint.substring(colon + 1) : "6379";
		return cause.check()
			.replace("-a <password>", "--askpass")
			.replace("redis-cli CONFIG", "redis-cli -h <host> -p <port> CONFIG")
			.replace("<host>", host)
			.replace("<port>", port);
	}

	static String coordinator(String baseUrl) {
		return "curl " + baseUrl + "/api/ping";
	}

}
