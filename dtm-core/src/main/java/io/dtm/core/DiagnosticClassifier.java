package io.dtm.core;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns exceptions into a {@link Diagnosis}: JDBC, Hibernate and Hikari failures into
 * D1001 causes, {@code java.nio.file} and I/O failures into D1004 causes. It walks the
 * whole cause chain and prefers the most specific signal (a vendor error code over a
 * generic SQL state over a socket exception).
 */
public class DiagnosticClassifier {

	private final DataSourceTarget dataSource;

	public DiagnosticClassifier(DataSourceTarget dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Classify a database failure.
	 * @param failure the exception
	 * @return the diagnosis, or empty when nothing in the chain concerns the database
	 */
	public Optional<Diagnosis> classifyDatabase(Throwable failure) {
		DiagnosticCause cause = null;
		String error = null;
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			DiagnosticCause found = databaseCause(t);
			if (found != null && (cause == null || rank(found) > rank(cause))) {
				cause = found;
				error = t.getMessage();
			}
		}
		if (cause == null) {
			return Optional.empty();
		}
		String target = (cause == DiagnosticCause.DB_AUTH_FAILED || cause == DiagnosticCause.DB_ACCESS_DENIED)
				? "for user '" + this.dataSource.user() + "' at " + this.dataSource.address()
				: "at " + this.dataSource.address();
		if (cause == DiagnosticCause.DB_UNKNOWN_DATABASE) {
			target = "'" + this.dataSource.database() + "' at " + this.dataSource.address();
		}
		return Optional.of(new Diagnosis(cause, target, null, firstLine(error)));
	}

	/**
	 * Classify a file-system failure on a configured path.
	 * @param failure the exception
	 * @param property the property that configures the path
	 * @param path the path as configured
	 * @return the diagnosis, or empty when nothing in the chain is a file-system error
	 */
	public static Optional<Diagnosis> classifyPath(Throwable failure, String property, String path) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			DiagnosticCause cause = null;
			if (t instanceof AccessDeniedException) {
				cause = DiagnosticCause.PATH_NOT_WRITABLE;
			}
			else if (t instanceof NotDirectoryException) {
				cause = DiagnosticCause.PATH_NOT_DIRECTORY;
			}
			else if (t instanceof NoSuchFileException) {
				cause = DiagnosticCause.PATH_MISSING;
			}
			else if (t instanceof FileSystemException fs) {
				cause = classifyFileSystemReason(fs.getReason());
			}
			if (cause != null) {
				return Optional
					.of(new Diagnosis(cause, PathTarget.describe(property, path), property, firstLine(t.getMessage())));
			}
		}
		return Optional.empty();
	}

	private static DiagnosticCause classifyFileSystemReason(String reason) {
		String text = (reason != null) ? reason.toLowerCase(Locale.ROOT) : "";
		if (text.contains("permission") || text.contains("not permitted") || text.contains("read-only")) {
			return DiagnosticCause.PATH_NOT_WRITABLE;
		}
		if (text.contains("not a directory")) {
			return DiagnosticCause.PATH_NOT_DIRECTORY;
		}
		return DiagnosticCause.PATH_OTHER;
	}

	private static DiagnosticCause databaseCause(Throwable t) {
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

	private static int rank(DiagnosticCause cause) {
		return switch (cause) {
			case DB_OTHER -> 0;
			case DB_POOL_EXHAUSTED, DB_CONNECTION_LOST -> 1;
			default -> 2;
		};
	}

	static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
