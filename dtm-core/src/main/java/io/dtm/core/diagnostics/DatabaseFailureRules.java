package io.dtm.core.diagnostics;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The D1001 rules: JDBC, Hibernate and Hikari failures by vendor error code, SQL state,
 * message and socket exception type. A vendor error code ranks above a generic SQL state,
 * which ranks above nothing.
 */
final class DatabaseFailureRules {

	private DatabaseFailureRules() {
	}

	/**
	 * The cause one exception of a chain shows, if any.
	 * @param t the exception
	 * @return the cause, or {@code null}
	 */
	static DiagnosticCause causeOf(Throwable t) {
		if (t instanceof SQLException sql) {
			int vendor = sql.getErrorCode();
			String state = (sql.getSQLState() != null) ? sql.getSQLState() : "";
			String message = (sql.getMessage() != null) ? sql.getMessage() : "";
			if (vendor == 1045 || state.equals("28000")) {
				return DiagnosticCause.DB_AUTH_FAILED;
			}
			if (vendor == 1049 || message.contains("Unknown database")) {
				return DiagnosticCause.DB_UNKNOWN_DATABASE;
			}
			if (vendor == 1044 || vendor == 1142) {
				return DiagnosticCause.DB_ACCESS_DENIED;
			}
			if (t instanceof SQLTransientConnectionException && message.contains("Connection is not available")) {
				return DiagnosticCause.DB_POOL_EXHAUSTED;
			}
			if (state.equals("08S01") || message.contains("Communications link failure")) {
				return DiagnosticCause.DB_CONNECTION_LOST;
			}
			if (state.startsWith("08")) {
				return DiagnosticCause.DB_OTHER;
			}
		}
		if (t instanceof UnknownHostException) {
			return DiagnosticCause.DB_UNKNOWN_HOST;
		}
		if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
			return DiagnosticCause.DB_CONNECTION_REFUSED;
		}
		if (t instanceof SocketTimeoutException) {
			return DiagnosticCause.DB_TIMEOUT;
		}
		return null;
	}

	/**
	 * How specific a cause is: a more specific one found deeper in the chain wins.
	 * @param cause the cause
	 * @return the rank, higher is more specific
	 */
	static int rank(DiagnosticCause cause) {
		return switch (cause) {
			case DB_OTHER -> 0;
			case DB_POOL_EXHAUSTED, DB_CONNECTION_LOST -> 1;
			default -> 2;
		};
	}

}
