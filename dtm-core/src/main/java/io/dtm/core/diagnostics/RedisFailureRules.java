package io.dtm.core.diagnostics;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

/**
 * The D1002 rules: Redis' error replies ({@code NOAUTH}, {@code WRONGPASS},
 * {@code DENIED}, {@code READONLY}, {@code NOPERM}, {@code MISCONF}, ...) anywhere in the
 * cause chain first, then the client-side exception types (unknown host, TLS, refused,
 * timed out, closed). Types of client libraries are matched by simple name, so the rules
 * need none of them. Errors that are not about reaching or configuring Redis (a script
 * error, say) have no cause.
 */
final class RedisFailureRules {

	private static final Pattern REDIRECTION = Pattern.compile("(^|\\W)(MOVED|ASK) \\d+ ");

	private RedisFailureRules() {
	}

	/**
	 * The cause a failure shows, if any.
	 * @param chain the failure, its causes and suppressed exceptions
	 * @return the cause, or {@code null}
	 */
	static DiagnosticCause causeOf(List<Throwable> chain) {
		String upper = chain.stream()
			.map((t) -> (t.getMessage() != null) ? t.getMessage() : "")
			.collect(Collectors.joining(" | "))
			.toUpperCase(Locale.ROOT);
		DiagnosticCause cause = byReply(upper);
		return (cause != null) ? cause : byType(chain, upper);
	}

	private static DiagnosticCause byReply(String upper) {
		if (upper.contains("WRONGPASS") || upper.contains("INVALID PASSWORD")
				|| upper.contains("INVALID USERNAME-PASSWORD")
				|| upper.contains("CALLED WITHOUT ANY PASSWORD CONFIGURED") || upper.contains("NOAUTH")) {
			return DiagnosticCause.REDIS_AUTH_FAILED;
		}
		if (upper.contains("DENIED") && upper.contains("PROTECTED MODE")) {
			return DiagnosticCause.REDIS_PROTECTED_MODE;
		}
		if (upper.contains("DB INDEX IS OUT OF RANGE") || upper.contains("INVALID DB INDEX")) {
			return DiagnosticCause.REDIS_WRONG_DATABASE;
		}
		if (upper.contains("SELECT IS NOT ALLOWED IN CLUSTER MODE") || upper.contains("CLUSTER SUPPORT DISABLED")
				|| upper.contains("CLUSTERDOWN") || REDIRECTION.matcher(upper).find()) {
			return DiagnosticCause.REDIS_CLUSTER_MISMATCH;
		}
		if (upper.contains("CROSSSLOT") || upper.contains("NON LOCAL KEY")) {
			return DiagnosticCause.REDIS_PREFIX_NOT_HASH_TAG;
		}
		if (upper.contains("NOPERM")) {
			return DiagnosticCause.REDIS_NOT_PERMITTED;
		}
		if (upper.contains("READONLY")) {
			return DiagnosticCause.REDIS_READ_ONLY;
		}
		if (upper.contains("MISCONF")) {
			return DiagnosticCause.REDIS_CANNOT_PERSIST;
		}
		if (upper.contains("OOM COMMAND NOT ALLOWED")) {
			return DiagnosticCause.REDIS_OUT_OF_MEMORY;
		}
		if (upper.contains("LOADING REDIS IS LOADING")) {
			return DiagnosticCause.REDIS_LOADING;
		}
		return null;
	}

	private static DiagnosticCause byType(List<Throwable> chain, String upper) {
		if (has(chain, UnknownHostException.class) || upper.contains("UNKNOWNHOSTEXCEPTION")
				|| upper.contains("NAME OR SERVICE NOT KNOWN")) {
			return DiagnosticCause.REDIS_UNKNOWN_HOST;
		}
		if (has(chain, SSLException.class) || upper.contains("NOT AN SSL/TLS RECORD")) {
			return DiagnosticCause.REDIS_TLS_MISMATCH;
		}
		if (has(chain, ConnectException.class) || upper.contains("CONNECTION REFUSED")) {
			return DiagnosticCause.REDIS_CONNECTION_REFUSED;
		}
		if (has(chain, SocketTimeoutException.class) || has(chain, TimeoutException.class)
				|| hasTypeNamed(chain, "QueryTimeoutException") || hasTypeNamed(chain, "ConnectTimeoutException")
				|| hasTypeNamed(chain, "RedisCommandTimeoutException") || upper.contains("TIMED OUT")) {
			return DiagnosticCause.REDIS_TIMEOUT;
		}
		if (has(chain, ClosedChannelException.class) || upper.contains("CONNECTION RESET")
				|| upper.contains("CONNECTION CLOSED")) {
			return DiagnosticCause.REDIS_CONNECTION_LOST;
		}
		if (hasTypeNamed(chain, "RedisConnectionFailureException") || hasTypeNamed(chain, "RedisConnectionException")) {
			return DiagnosticCause.REDIS_UNREACHABLE;
		}
		return null;
	}

	/**
	 * The most telling message of a failure: Redis' own reply when there is one, else the
	 * deepest cause, as {@code Type: message} (first line).
	 * @param chain the failure chain
	 * @return the text
	 */
	static String detail(List<Throwable> chain) {
		Throwable shown = chain.get(chain.size() - 1);
		for (Throwable t : chain) {
			if (t.getClass().getSimpleName().equals("RedisCommandExecutionException")) {
				shown = t;
			}
		}
		String message = DiagnosticClassifier.firstLine(shown.getMessage());
		return shown.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

	/**
	 * A failure, its causes and the suppressed exceptions of each.
	 * @param error the failure
	 * @return the exceptions, the failure first
	 */
	static List<Throwable> chain(Throwable error) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
			chain.add(t);
			for (Throwable suppressed : t.getSuppressed()) {
				if (!chain.contains(suppressed)) {
					chain.addAll(chain(suppressed));
				}
			}
		}
		return chain;
	}

	private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
		return chain.stream().anyMatch(type::isInstance);
	}

	private static boolean hasTypeNamed(List<Throwable> chain, String simpleName) {
		return chain.stream().anyMatch((t) -> t.getClass().getSimpleName().equals(simpleName));
	}

}
