package io.dtm.core.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The D1002 table of {@link DiagnosticClassifier}: each Redis reply and client error maps
 * to one cause of the catalogue. The coordinator's Redis store and the starter's Redis
 * barrier both classify through this one method, so they give the same answer.
 */
class RedisClassificationTests {

	private static final String ENDPOINT = "127.0.0.1:6379";

	static Stream<Arguments> replies() {
		return Stream.of(
				Arguments.of("WRONGPASS invalid username-password pair or user is disabled.",
						DiagnosticCause.REDIS_AUTH_FAILED),
				Arguments.of("NOAUTH Authentication required.", DiagnosticCause.REDIS_AUTH_FAILED),
				Arguments.of("NOAUTH HELLO must be called with the client already authenticated",
						DiagnosticCause.REDIS_AUTH_FAILED),
				Arguments.of("ERR AUTH <password> called without any password configured for the default user.",
						DiagnosticCause.REDIS_AUTH_FAILED),
				Arguments.of("DENIED Redis is running in protected mode because protected mode is enabled",
						DiagnosticCause.REDIS_PROTECTED_MODE),
				Arguments.of("ERR DB index is out of range", DiagnosticCause.REDIS_WRONG_DATABASE),
				Arguments.of("ERR SELECT is not allowed in cluster mode", DiagnosticCause.REDIS_CLUSTER_MISMATCH),
				Arguments.of("MOVED 15495 10.0.0.2:6379", DiagnosticCause.REDIS_CLUSTER_MISMATCH),
				Arguments.of("CLUSTERDOWN The cluster is down", DiagnosticCause.REDIS_CLUSTER_MISMATCH),
				Arguments.of("CROSSSLOT Keys in request don't hash to the same slot",
						DiagnosticCause.REDIS_PREFIX_NOT_HASH_TAG),
				Arguments.of("NOPERM this user has no permissions to run the 'eval' command",
						DiagnosticCause.REDIS_NOT_PERMITTED),
				Arguments.of("NOPERM No permissions to access a key", DiagnosticCause.REDIS_NOT_PERMITTED),
				Arguments.of("READONLY You can't write against a read only replica.", DiagnosticCause.REDIS_READ_ONLY),
				Arguments.of("MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist "
						+ "to disk.", DiagnosticCause.REDIS_CANNOT_PERSIST),
				Arguments.of("OOM command not allowed when used memory > 'maxmemory'.",
						DiagnosticCause.REDIS_OUT_OF_MEMORY),
				Arguments.of("LOADING Redis is loading the dataset in memory", DiagnosticCause.REDIS_LOADING));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("replies")
	void whenRedisRepliesWithAnErrorShouldClassifyItsCause(String reply, DiagnosticCause expected) {
		Diagnosis diagnosis = DiagnosticClassifier.classifyRedis(reply(reply), ENDPOINT).orElseThrow();

		assertThat(diagnosis.cause()).isEqualTo(expected);
		assertThat(diagnosis.code()).isEqualTo(DiagnosticCode.D1002);
		assertThat(diagnosis.target()).isEqualTo("at " + ENDPOINT);
		assertThat(diagnosis.error()).isEqualTo("RedisCommandExecutionException: " + reply);
		assertThat(diagnosis.manualCheck()).doesNotContain("<host>").doesNotContain("<port>");
	}

	static Stream<Arguments> clientFailures() {
		return Stream.of(
				Arguments.of("connection refused", connectionFailure(new ConnectException("Connection refused")),
						DiagnosticCause.REDIS_CONNECTION_REFUSED),
				Arguments.of("unknown host", connectionFailure(new UnknownHostException("redis.invalid")),
						DiagnosticCause.REDIS_UNKNOWN_HOST),
				Arguments.of("TLS", connectionFailure(new SSLHandshakeException("handshake")),
						DiagnosticCause.REDIS_TLS_MISMATCH),
				Arguments.of("connect timeout", connectionFailure(new SocketTimeoutException("connect timed out")),
						DiagnosticCause.REDIS_TIMEOUT),
				Arguments.of("command timeout",
						new QueryTimeoutException("Redis command timed out",
								new RedisCommandTimeoutException("Command timed out after 3 second(s)")),
						DiagnosticCause.REDIS_TIMEOUT),
				Arguments.of("closed channel", connectionFailure(new ClosedChannelException()),
						DiagnosticCause.REDIS_CONNECTION_LOST),
				Arguments.of("connection reset", connectionFailure(new IOException("Connection reset by peer")),
						DiagnosticCause.REDIS_CONNECTION_LOST),
				Arguments.of("anything else while connecting", connectionFailure(new IllegalStateException("boom")),
						DiagnosticCause.REDIS_UNREACHABLE),
				Arguments.of("as a suppressed exception", suppressed(new ConnectException("Connection refused")),
						DiagnosticCause.REDIS_CONNECTION_REFUSED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clientFailures")
	void whenTheClientFailsShouldClassifyItsCause(String name, Throwable failure, DiagnosticCause expected) {
		Diagnosis diagnosis = DiagnosticClassifier.classifyRedis(failure, ENDPOINT).orElseThrow();

		assertThat(diagnosis.cause()).isEqualTo(expected);
		assertThat(diagnosis.code()).isEqualTo(DiagnosticCode.D1002);
	}

	@Test
	void whenTheErrorIsNotAboutReachingRedisShouldNotClassifyIt() {
		RuntimeException scriptError = reply("ERR user_script:3: attempt to index a nil value");

		assertThat(DiagnosticClassifier.classifyRedis(scriptError, ENDPOINT)).isEmpty();
		assertThat(DiagnosticClassifier.classifyRedis(new IllegalArgumentException("bad"), ENDPOINT)).isEmpty();
		Diagnosis other = DiagnosticClassifier.diagnoseRedis(scriptError, ENDPOINT);
		assertThat(other.cause()).isEqualTo(DiagnosticCause.REDIS_OTHER);
		assertThat(other.error()).isEqualTo("Error in execution");
	}

	@Test
	void whenEndpointIsAUrlManualCheckShouldNameItsHostAndPort() {
		Diagnosis diagnosis = DiagnosticClassifier
			.classifyRedis(connectionFailure(new ConnectException("Connection refused")), "redis://10.0.0.5:6380/0")
			.orElseThrow();

		assertThat(diagnosis.manualCheck()).isEqualTo("redis-cli -h 10.0.0.5 -p 6380 ping");
		assertThat(diagnosis.message()).isEqualTo("D1002 Redis configuration error: connection refused at "
				+ "redis://10.0.0.5:6380/0 — " + DiagnosticCause.REDIS_CONNECTION_REFUSED.action());
	}

	@Test
	void whenEndpointIsAClusterManualCheckShouldKeepItsPlaceholders() {
		Diagnosis diagnosis = DiagnosticClassifier
			.classifyRedis(reply("CLUSTERDOWN The cluster is down"), "cluster [a:7000, b:7001]")
			.orElseThrow();

		assertThat(diagnosis.manualCheck()).isEqualTo("redis-cli -h <host> -p <port> CLUSTER INFO");
	}

	private static RuntimeException reply(String message) {
		return new RuntimeException("Error in execution", new RedisCommandExecutionException(message));
	}

	private static RuntimeException connectionFailure(Throwable cause) {
		return new RedisConnectionFailureException("Unable to connect to Redis", cause);
	}

	private static RuntimeException suppressed(Throwable cause) {
		RuntimeException failure = new IllegalStateException("ping failed");
		failure.addSuppressed(connectionFailure(cause));
		return failure;
	}

	/** Named like Lettuce's reply exception; the rules match it by name. */
	static class RedisCommandExecutionException extends RuntimeException {

		RedisCommandExecutionException(String message) {
			super(message);
		}

	}

	/** Named like Lettuce's command time-out. */
	static class RedisCommandTimeoutException extends RuntimeException {

		RedisCommandTimeoutException(String message) {
			super(message);
		}

	}

	/** Named like Spring Data Redis' connection failure. */
	static class RedisConnectionFailureException extends RuntimeException {

		RedisConnectionFailureException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** Named like Spring's query time-out. */
	static class QueryTimeoutException extends RuntimeException {

		QueryTimeoutException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
