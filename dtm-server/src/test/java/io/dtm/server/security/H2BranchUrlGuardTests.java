package io.dtm.server.security;

import io.dtm.server.testsupport.TestStores;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The branch URL guard on the H2 store.
 */
class H2BranchUrlGuardTests extends AbstractBranchUrlGuardTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		guardRules(registry);
	}

}
