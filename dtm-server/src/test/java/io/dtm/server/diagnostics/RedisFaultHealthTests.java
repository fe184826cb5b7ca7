package io.dtm.server.diagnostics;

import java.net.URI;
import java.util.UUID;

import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.RedisKeyCleaner;
import io.dtm.server.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link StoreFaultHealthTests} on the Redis store: a real Redis behind a
 * {@link TcpProxy}, with the shipped Lettuce timeouts (3 s command timeout).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dtm.server.cron.enabled=false")
@DirtiesContext
class RedisFaultHealthTests extends StoreFaultHealthTests {

	private static final String PREFIX = "{h" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "}";

	private static TcpProxy proxy;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		URI redis = URI.create(ExternalServices.redis().url());
		proxy = TcpProxy.start(redis.getHost(), redis.getPort());
		registry.add("dtm.server.store.type", () -> "redis");
		registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + proxy.port());
		registry.add("dtm.server.store.redis.prefix", () -> PREFIX);
		registry.add("dtm.server.store.redis.data-expire", () -> "1h");
		registry.add("dtm.server.store.redis.finished-data-expire", () -> "1h");
	}

	@AfterAll
	static void stopProxy() {
		proxy.close();
		RedisKeyCleaner.delete(ExternalServices.redis().url(), PREFIX);
	}

	@Override
	TcpProxy proxy() {
		return proxy;
	}

	@Override
	String code() {
		return "D1002";
	}

}
