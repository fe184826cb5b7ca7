package io.dtm.server.store.redis;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticClassifier;

import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;

/**
 * The Redis store's side of D1002: where the coordinator connects, for messages, and the
 * store's failures classified by the shared {@link DiagnosticClassifier}, which the
 * starter's Redis barrier uses too.
 */
public final class RedisDiagnostics {

	private RedisDiagnostics() {
	}

	/**
	 * Classify a Redis store failure: the diagnosis a {@link RedisConfigurationException}
	 * carries, else the shared classification ("Redis error" when nothing specific
	 * matches).
	 * @param error the failure
	 * @param endpoint where Redis was expected
	 * @return the diagnosis
	 */
	public static Diagnosis toDiagnosis(Throwable error, String endpoint) {
		if (error instanceof RedisConfigurationException configuration) {
			return configuration.getDiagnosis();
		}
		return DiagnosticClassifier.diagnoseRedis(error, endpoint);
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

}
