package io.dtm.core.diagnostics;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one classifier of the D-codes, used by the coordinator and the starter alike: it
 * turns exceptions into a {@link Diagnosis} from the {@link DiagnosticCause} catalogue —
 * JDBC, Hibernate and Hikari failures into D1001 causes, Redis failures into D1002
 * causes, {@code java.nio.file} failures into D1004 causes. It walks the whole cause
 * chain and prefers the most specific signal (a vendor error code over a generic SQL
 * state over a socket exception; a Redis reply over a client exception). The manual check
 * comes with the configured values filled in.
 */
public class DiagnosticClassifier {

	private final DataSourceTarget dataSource;

	/**
	 * A classifier for the configured database.
	 * @param dataSource the database the failures concern
	 */
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
			DiagnosticCause found = DatabaseFailureRules.causeOf(t);
			if (found != null
					&& (cause == null || DatabaseFailureRules.rank(found) > DatabaseFailureRules.rank(cause))) {
				cause = found;
				error = t.getMessage();
			}
		}
		if (cause == null) {
			return Optional.empty();
		}
		String address = this.dataSource.address();
		String target = switch (cause) {
			case DB_AUTH_FAILED, DB_ACCESS_DENIED -> "for user '" + this.dataSource.user() + "' at " + address;
			case DB_UNKNOWN_DATABASE -> "'" + this.dataSource.database() + "' at " + address;
			default -> "at " + address;
		};
		return Optional.of(database(cause, target, firstLine(error)));
	}

	/**
	 * Classify a database failure, as "database error" when no specific cause matches.
	 * @param failure the exception
	 * @return the diagnosis
	 */
	public Diagnosis diagnoseDatabase(Throwable failure) {
		return classifyDatabase(failure)
			.orElseGet(() -> database(DiagnosticCause.DB_OTHER, "", firstLine(failure.getMessage())));
	}

	/**
	 * A diagnosis of the configured database with its manual check for this database.
	 * @param cause the cause, a D1001 one
	 * @param target what it concerns
	 * @param error the underlying error
	 * @return the diagnosis
	 */
	public Diagnosis database(DiagnosticCause cause, String target, String error) {
		return new Diagnosis(cause, target, null, error).withManualCheck(this.dataSource.manualCheck(cause));
	}

	/**
	 * Classify a Redis failure.
	 * @param failure the exception
	 * @param endpoint where Redis was expected, e.g. {@code 127.0.0.1:6379} or
	 * {@code redis://127.0.0.1:6379/0}
	 * @return the diagnosis, or empty when nothing in the chain is about reaching or
	 * configuring Redis
	 */
	public static Optional<Diagnosis> classifyRedis(Throwable failure, String endpoint) {
		List<Throwable> chain = RedisFailureRules.chain(failure);
		DiagnosticCause cause = RedisFailureRules.causeOf(chain);
		return Optional.ofNullable(cause).map((c) -> redis(c, endpoint, RedisFailureRules.detail(chain)));
	}

	/**
	 * Classify a Redis failure, as "Redis error" when no specific cause matches.
	 * @param failure the exception
	 * @param endpoint where Redis was expected
	 * @return the diagnosis
	 */
	public static Diagnosis diagnoseRedis(Throwable failure, String endpoint) {
		return classifyRedis(failure, endpoint)
			.orElseGet(() -> redis(DiagnosticCause.REDIS_OTHER, endpoint, firstLine(failure.getMessage())));
	}

	/**
	 * A diagnosis of a Redis endpoint with its host and port in the manual check.
	 * @param cause the cause, a D1002 one
	 * @param endpoint where Redis was expected
	 * @param error the underlying error
	 * @return the diagnosis
	 */
	public static Diagnosis redis(DiagnosticCause cause, String endpoint, String error) {
		return new Diagnosis(cause, "at " + endpoint, null, error).filledIn(Placeholders.hostAndPort(endpoint));
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
				return Optional.of(PathTarget.diagnosis(cause, property, path, firstLine(t.getMessage())));
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

	static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
