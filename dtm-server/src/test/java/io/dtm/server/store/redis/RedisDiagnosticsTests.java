package io.dtm.server.store.redis;

import java.net.ConnectException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisDiagnostics}: each server reply and client error maps to its
 * D1002 cause; other errors are not classified.
 */
class RedisDiagnosticsTests {

	private static final String ENDPOINT = "redis://h:6379/0";

	@Test
	void classifyWhenServerRepliesShouldNameTheCause() {
		assertThat(problem(reply("WRONGPASS invalid username-password pair or user is disabled.")))
			.isEqualTo(RedisProblem.WRONG_PASSWORD);
		assertThat(problem(reply("NOAUTH Authentication required."))).isEqualTo(RedisProblem.NO_PASSWORD);
		assertThat(problem(reply("DENIED Redis is running in protected mode because protected mode is enabled")))
			.isEqualTo(RedisProblem.PROTECTED_MODE);
		assertThat(problem(reply("ERR DB index is out of range"))).isEqualTo(RedisProblem.WRONG_DATABASE);
		assertThat(problem(reply("ERR SELECT is not allowed in cluster mode")))
			.isEqualTo(RedisProblem.CLUSTER_MISMATCH);
		assertThat(problem(reply("MOVED 15495 10.0.0.2:6379"))).isEqualTo(RedisProblem.CLUSTER_MISMATCH);
		assertThat(problem(reply("CROSSSLOT Keys in request don't hash to the same slot")))
			.isEqualTo(RedisProblem.PREFIX_NOT_HASH_TAG);
		assertThat(problem(reply("NOPERM this user has no permissions to run the 'eval' command")))
			.isEqualTo(RedisProblem.NOT_PERMITTED);
		assertThat(problem(reply("READONLY You can't write against a read only replica.")))
			.isEqualTo(RedisProblem.READ_ONLY_REPLICA);
		assertThat(problem(reply("MISCONF Redis is configured to save RDB snapshots, but it's currently unable")))
			.isEqualTo(RedisProblem.PERSISTENCE_FAILING);
		assertThat(problem(reply("OOM command not allowed when used memory > 'maxmemory'.")))
			.isEqualTo(RedisProblem.OUT_OF_MEMORY);
		assertThat(problem(reply("LOADING Redis is loading the dataset in memory"))).isEqualTo(RedisProblem.LOADING);
	}

	@Test
	void classifyWhenClientFailsShouldNameTheCause() {
		assertThat(problem(connectionFailure(new ConnectException("Connection refused"))))
			.isEqualTo(RedisProblem.CONNECTION_REFUSED);
		assertThat(problem(connectionFailure(new UnknownHostException("redis.example"))))
			.isEqualTo(RedisProblem.UNKNOWN_HOST);
		assertThat(problem(connectionFailure(new SSLHandshakeException("handshake"))))
			.isEqualTo(RedisProblem.SSL_MISMATCH);
		assertThat(problem(new QueryTimeoutException("Redis command timed out"))).isEqualTo(RedisProblem.TIMED_OUT);
		assertThat(problem(connectionFailure(new IllegalStateException("boom")))).isEqualTo(RedisProblem.UNREACHABLE);
	}

	@Test
	void classifyWhenErrorIsNotAboutRedisSetupShouldBeEmpty() {
		assertThat(RedisDiagnostics.classify(reply("ERR user_script:3: attempt to index a nil value"), ENDPOINT))
			.isEmpty();
		assertThat(RedisDiagnostics.classify(new InvalidDataAccessApiUsageException("bad"), ENDPOINT)).isEmpty();
	}

	@Test
	void diagnosisShouldCarryCodeCauseEndpointAndAction() {
		RedisDiagnosis diagnosis = RedisDiagnostics
			.classify(connectionFailure(new ConnectException("Connection refused")), ENDPOINT)
			.orElseThrow();
		assertThat(diagnosis.message()).startsWith("D1002 Redis configuration error: connection refused (" + ENDPOINT)
			.contains("Action: Start Redis");
		assertThat(RedisProblem.TIMED_OUT.action(ENDPOINT)).contains(ENDPOINT);
	}

	private static RedisProblem problem(Throwable error) {
		return RedisDiagnostics.classify(error, ENDPOINT).orElseThrow().problem();
	}

	private static RuntimeException reply(String message) {
		return new RedisSystemException("Error in execution", new RuntimeException(message));
	}

	private static RuntimeException connectionFailure(Throwable cause) {
		return new RedisConnectionFailureException("Unable to connect to Redis", cause);
	}

}
