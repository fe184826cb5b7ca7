package io.dtm.server.testsupport;

import java.time.Duration;

import io.lettuce.core.RedisURI;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Started Lettuce connection factories for tests that use the Redis store without a
 * Spring context. Callers {@code destroy()} them.
 */
public final class RedisTestConnections {

	private RedisTestConnections() {
	}

	/**
	 * A factory for the shared test Redis ({@link ExternalServices#redis()}).
	 * @return the started factory
	 */
	public static LettuceConnectionFactory shared() {
		RedisURI uri = RedisURI.create(ExternalServices.redis().url());
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
		configuration.setDatabase(uri.getDatabase());
		if (uri.getPassword() != null) {
			configuration.setPassword(uri.getPassword());
		}
		if (uri.getUsername() != null) {
			configuration.setUsername(uri.getUsername());
		}
		return start(configuration);
	}

	/**
	 * A factory for a loopback server.
	 * @param port the port
	 * @param password the password or {@code null}
	 * @param database the database index
	 * @return the started factory
	 */
	public static LettuceConnectionFactory loopback(int port, String password, int database) {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration("127.0.0.1", port);
		configuration.setDatabase(database);
		if (password != null) {
			configuration.setPassword(password);
		}
		return start(configuration);
	}

	private static LettuceConnectionFactory start(RedisStandaloneConfiguration configuration) {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofSeconds(3))
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration, client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
