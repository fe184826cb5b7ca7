package io.dtm.server.security;

import io.dtm.server.testsupport.TestStores;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The branch URL guard on the Redis store.
 */
class RedisBranchUrlGuardTests extends AbstractBranchUrlGuardTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.redis(registry);
		guardRules(registry);
	}

}
