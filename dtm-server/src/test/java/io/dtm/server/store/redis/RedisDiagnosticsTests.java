package io.dtm.server.store.redis;

import java.net.ConnectException;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.DiagnosticClassifier;
import io.dtm.server.diagnostics.StoreFailures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store classifies through the shared {@link DiagnosticClassifier} (whose table
 * {@code RedisClassificationTests} in dtm-core covers) with the real Spring Data Redis
 * and Lettuce exceptions, and answers an outage with 503 and an error reply of Redis with
 * 500.
 */
class RedisDiagnosticsTests {

	private static final String ENDPOINT = "redis://127.0.0.1:6379/0";

	@Test
	void whenLettuceAndSpringWrapTheFailureShouldClassifyItLikeTheStarter() {
		RuntimeException readOnly = new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("READONLY You can't write against a read only replica."));
		RuntimeException refused = new RedisConnectionFailureException("Unable to connect to Redis",
				new ConnectException("Connection refused"));
		RuntimeException timeout = new QueryTimeoutException("Redis command timed out",
				new RedisCommandTimeoutException("Command timed out after 3 second(s)"));

		for (RuntimeException failure : new RuntimeException[] { readOnly, refused, timeout }) {
			assertThat(RedisDiagnostics.toDiagnosis(failure, ENDPOINT))
				.isEqualTo(DiagnosticClassifier.classifyRedis(failure, ENDPOINT).orElseThrow());
		}
		assertThat(RedisDiagnostics.toDiagnosis(readOnly, ENDPOINT).cause()).isEqualTo(DiagnosticCause.REDIS_READ_ONLY);
		assertThat(RedisDiagnostics.toDiagnosis(refused, ENDPOINT).cause())
			.isEqualTo(DiagnosticCause.REDIS_CONNECTION_REFUSED);
		assertThat(RedisDiagnostics.toDiagnosis(timeout, ENDPOINT).cause()).isEqualTo(DiagnosticCause.REDIS_TIMEOUT);
	}

	@Test
	void whenRedisRefusesTheCommandShouldAnswer500AndWhenItCannotBeUsed503() {
		assertThat(StoreFailures.isOutage(diagnosis("READONLY You can't write against a read only replica.")))
			.isFalse();
		assertThat(StoreFailures.isOutage(diagnosis("NOPERM this user has no permissions to run the 'eval' command")))
			.isFalse();
		assertThat(StoreFailures.isOutage(diagnosis("MISCONF Redis is configured to save RDB snapshots"))).isFalse();
		assertThat(StoreFailures.isOutage(diagnosis("ERR user_script:1: boom"))).isFalse();
		assertThat(StoreFailures.isOutage(diagnosis("WRONGPASS invalid username-password pair"))).isTrue();
		assertThat(StoreFailures.isOutage(RedisDiagnostics.toDiagnosis(
				new RedisConnectionFailureException("Unable to connect", new ConnectException("refused")), ENDPOINT)))
			.isTrue();
	}

	@Test
	void whenTheFailureCarriesADiagnosisShouldKeepIt() {
		Diagnosis prefix = DiagnosticClassifier.redis(DiagnosticCause.REDIS_PREFIX_NOT_HASH_TAG, ENDPOINT,
				"dtm.server.store.redis.prefix is 'dtm'");

		assertThat(RedisDiagnostics.toDiagnosis(new RedisConfigurationException(prefix, null), ENDPOINT))
			.isSameAs(prefix);
		assertThat(new RedisConfigurationException(prefix, null).getMessage())
			.startsWith("D1002 Redis configuration error: key prefix is not a cluster hash tag at " + ENDPOINT
					+ " — set " + "dtm.server.store.redis.prefix to a hash tag")
			.endsWith("[error: dtm.server.store.redis.prefix is 'dtm']");
	}

	private static Diagnosis diagnosis(String reply) {
		return RedisDiagnostics.toDiagnosis(
				new RedisSystemException("Error in execution", new RedisCommandExecutionException(reply)), ENDPOINT);
	}

}
