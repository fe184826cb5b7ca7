package io.dtm.core;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Framework-free D1002 rules for Redis failures, read from Redis' error replies (NOAUTH,
 * WRONGPASS, DENIED, DB index, MOVED/CLUSTERDOWN) and from the exception types of the
 * cause chain (refused, unknown host, time-outs), so any client library can use them.
 */
public final class RedisFailureRules {

	private RedisFailureRules() {
	}

	/**
	 * Classify a Redis failure.
	 * @param failure the exception
	 * @param endpoint where Redis was expected, e.g. {@code 127.0.0.1:6379}
	 * @return the diagnosis, or empty when nothing in the chain looks like a Redis
	 * problem
	 */
	public static Optional<Diagnosis> classify(Throwable failure, String endpoint) {
		DiagnosticCause cause = null;
		String error = null;
		for (Throwable t = failure; t != null && cause == null; t = (t.getCause() != t) ? t.getCause() : null) {
			String message = (t.getMessage() != null) ? t.getMessage() : "";
			String upper = message.toUpperCase(Locale.ROOT);
			String type = t.getClass().getSimpleName();
			if (upper.contains("NOAUTH") || upper.contains("WRONGPASS") || upper.contains("INVALID PASSWORD")) {
				cause = DiagnosticCause.REDIS_AUTH_FAILED;
			}
			else if (upper.contains("DENIED") && upper.contains("PROTECTED MODE")) {
				cause = DiagnosticCause.REDIS_PROTECTED_MODE;
			}
			else if (upper.contains("DB INDEX IS OUT OF RANGE") || upper.contains("INVALID DB INDEX")) {
				cause = DiagnosticCause.REDIS_WRONG_DATABASE;
			}
			else if (upper.startsWith("MOVED ") || upper.contains("CLUSTERDOWN")
					|| upper.contains("CLUSTER SUPPORT DISABLED")) {
				cause = DiagnosticCause.REDIS_CLUSTER_MISMATCH;
			}
			else if (t instanceof ConnectException || t instanceof UnknownHostException
					|| upper.contains("CONNECTION REFUSED")) {
				cause = DiagnosticCause.REDIS_CONNECTION_REFUSED;
			}
			else if (t instanceof SocketTimeoutException || type.contains("Timeout")) {
				cause = DiagnosticCause.REDIS_TIMEOUT;
			}
			error = message;
		}
		return (cause != null) ? Optional.of(new Diagnosis(cause, "at " + endpoint, null, firstLine(error)))
				: Optional.empty();
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
