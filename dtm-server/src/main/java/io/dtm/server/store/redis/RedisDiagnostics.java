package io.dtm.server.store.redis;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import io.dtm.core.DiagnosticCause;
import io.dtm.core.Diagnosis;

import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Classifies Redis errors into the causes of D1002 from the exception chain: the reply
 * prefixes Redis uses ({@code NOAUTH}, {@code WRONGPASS}, {@code DENIED}, ...) and the
 * client-side exception types (refused, timed out, unknown host, TLS). Errors that are
 * not about reaching or configuring Redis (a script error, say) are not classified.
 */
public final class RedisDiagnostics {

	private static final Pattern REDIRECTION = Pattern.compile("(^|\\W)(MOVED|ASK) \\d+ ");

	private RedisDiagnostics() {
	}

	/**
	 * Classify a Redis store failure into the shared D1002 catalogue (the detailed Redis
	 * cause and its action are kept in the diagnosis' error text).
	 * @param error the failure
	 * @param endpoint where Redis was expected
	 * @return the diagnosis
	 */
	public static Diagnosis toDiagnosis(Throwable error, String endpoint) {
		RedisDiagnosis redis = (error instanceof RedisConfigurationException configuration)
				? configuration.getDiagnosis() : classify(error, endpoint).orElse(null);
		if (redis == null) {
			return new Diagnosis(DiagnosticCause.REDIS_OTHER, "at " + endpoint, null,
					String.valueOf(error.getMessage()));
		}
		DiagnosticCause cause = switch (redis.problem()) {
			case CONNECTION_REFUSED, UNREACHABLE, UNKNOWN_HOST -> DiagnosticCause.REDIS_CONNECTION_REFUSED;
			case TIMED_OUT -> DiagnosticCause.REDIS_TIMEOUT;
			case NO_PASSWORD, WRONG_PASSWORD -> DiagnosticCause.REDIS_AUTH_FAILED;
			case PROTECTED_MODE -> DiagnosticCause.REDIS_PROTECTED_MODE;
			case WRONG_DATABASE -> DiagnosticCause.REDIS_WRONG_DATABASE;
			case CLUSTER_MISMATCH, PREFIX_NOT_HASH_TAG -> DiagnosticCause.REDIS_CLUSTER_MISMATCH;
			default -> DiagnosticCause.REDIS_OTHER;
		};
		return new Diagnosis(cause, "at " + redis.endpoint(), null,
				redis.problem().cause() + ": " + redis.detail() + " — " + redis.action());
	}

	/**
	 * Classify a Redis failure.
	 * @param error the failure
	 * @param endpoint where Redis was expected
	 * @return the diagnosis, or empty when nothing in the chain is a Redis problem
	 */
	public static Optional<RedisDiagnosis> classify(Throwable error, String endpoint) {
		List<Throwable> chain = chain(error);
		String messages = chain.stream()
			.map((t) -> (t.getMessage() != null) ? t.getMessage() : "")
			.collect(Collectors.joining(" | "));
		String upper = messages.toUpperCase(Locale.ROOT);
		RedisProblem problem = byReply(upper);
		if (problem == null) {
			problem = byType(chain, upper);
		}
		if (problem == null) {
			return Optional.empty();
		}
		return Optional.of(new RedisDiagnosis(problem, endpoint, detail(chain)));
	}

	private static RedisProblem byReply(String upper) {
		if (upper.contains("WRONGPASS") || upper.contains("INVALID PASSWORD")
				|| upper.contains("INVALID USERNAME-PASSWORD")
				|| upper.contains("CALLED WITHOUT ANY PASSWORD CONFIGURED")) {
			return RedisProblem.WRONG_PASSWORD;
		}
		if (upper.contains("NOAUTH")) {
			return RedisProblem.NO_PASSWORD;
		}
		if (upper.contains("DENIED") && upper.contains("PROTECTED MODE")) {
			return RedisProblem.PROTECTED_MODE;
		}
		if (upper.contains("DB INDEX IS OUT OF RANGE") || upper.contains("INVALID DB INDEX")) {
			return RedisProblem.WRONG_DATABASE;
		}
		if (upper.contains("SELECT IS NOT ALLOWED IN CLUSTER MODE") || upper.contains("CLUSTER SUPPORT DISABLED")
				|| upper.contains("CLUSTERDOWN") || REDIRECTION.matcher(upper).find()) {
			return RedisProblem.CLUSTER_MISMATCH;
		}
		if (upper.contains("CROSSSLOT") || upper.contains("NON LOCAL KEY")) {
			return RedisProblem.PREFIX_NOT_HASH_TAG;
		}
		if (upper.contains("NOPERM")) {
			return RedisProblem.NOT_PERMITTED;
		}
		if (upper.contains("READONLY")) {
			return RedisProblem.READ_ONLY_REPLICA;
		}
		if (upper.contains("MISCONF")) {
			return RedisProblem.PERSISTENCE_FAILING;
		}
		if (upper.contains("OOM COMMAND NOT ALLOWED")) {
			return RedisProblem.OUT_OF_MEMORY;
		}
		if (upper.contains("LOADING REDIS IS LOADING")) {
			return RedisProblem.LOADING;
		}
		return null;
	}

	private static RedisProblem byType(List<Throwable> chain, String upper) {
		if (has(chain, UnknownHostException.class) || upper.contains("UNKNOWNHOSTEXCEPTION")
				|| upper.contains("NAME OR SERVICE NOT KNOWN")) {
			return RedisProblem.UNKNOWN_HOST;
		}
		if (has(chain, SSLException.class) || upper.contains("NOT AN SSL/TLS RECORD")) {
			return RedisProblem.SSL_MISMATCH;
		}
		if (has(chain, ConnectException.class) || upper.contains("CONNECTION REFUSED")) {
			return RedisProblem.CONNECTION_REFUSED;
		}
		if (has(chain, SocketTimeoutException.class) || has(chain, TimeoutException.class)
				|| has(chain, QueryTimeoutException.class) || hasTypeNamed(chain, "ConnectTimeoutException")
				|| hasTypeNamed(chain, "RedisCommandTimeoutException") || upper.contains("TIMED OUT")) {
			return RedisProblem.TIMED_OUT;
		}
		if (has(chain, ClosedChannelException.class) || upper.contains("CONNECTION RESET")
				|| upper.contains("CONNECTION CLOSED")) {
			return RedisProblem.CONNECTION_LOST;
		}
		if (has(chain, RedisConnectionFailureException.class) || hasTypeNamed(chain, "RedisConnectionException")) {
			return RedisProblem.UNREACHABLE;
		}
		return null;
	}

	/**
	 * Describe where the coordinator connects, without credentials.
	 * @param details the connection details, may be {@code null}
	 * @return e.g. {@code redis://127.0.0.1:6379/0} or {@code cluster [a:7000, b:7001]}
	 */
	public static String endpoint(RedisConnectionDetails details) {
		if (details == null) {
			return "unknown endpoint";
		}
		try {
			if (details.getCluster() != null) {
				return "cluster " + details.getCluster()
					.getNodes()
					.stream()
					.map((node) -> node.host() + ":" + node.port())
					.toList();
			}
			if (details.getSentinel() != null) {
				return "sentinel master '" + details.getSentinel().getMaster() + "' via "
						+ details.getSentinel()
							.getNodes()
							.stream()
							.map((node) -> node.host() + ":" + node.port())
							.toList();
			}
			RedisConnectionDetails.Standalone standalone = details.getStandalone();
			return "redis://" + standalone.getHost() + ":" + standalone.getPort() + "/" + standalone.getDatabase();
		}
		catch (RuntimeException ex) {
			return "unknown endpoint";
		}
	}

	private static String detail(List<Throwable> chain) {
		Throwable root = chain.get(chain.size() - 1);
		for (Throwable t : chain) {
			if (t.getClass().getName().startsWith("io.lettuce.core.RedisCommandExecutionException")) {
				root = t;
			}
		}
		String message = (root.getMessage() != null) ? root.getMessage() : "";
		return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

	private static List<Throwable> chain(Throwable error) {
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
