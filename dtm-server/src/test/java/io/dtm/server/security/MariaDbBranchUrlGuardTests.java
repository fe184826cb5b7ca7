package io.dtm.server.security;

import io.dtm.server.testsupport.TestStores;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The branch URL guard on the MariaDb store.
 */
class MariaDbBranchUrlGuardTests extends AbstractBranchUrlGuardTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.mariadb(registry, "guard");
		guardRules(registry);
	}

}
