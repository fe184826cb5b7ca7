package io.dtm.server.api;

import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests for the rejection of bad input on the Redis store.
 */
class RedisBadInputTests extends AbstractBadInputTests {

	@BeforeAll
	static void requireRedis() {
		ExternalServices.redis();
	}

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.redis(registry);
	}

}
