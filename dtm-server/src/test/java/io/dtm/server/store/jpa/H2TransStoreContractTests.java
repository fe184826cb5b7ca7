package io.dtm.server.store.jpa;

import io.dtm.server.store.AbstractTransStoreContractTests;
import io.dtm.server.testsupport.TestStores;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Store contract on the embedded H2 file store.
 */
class H2TransStoreContractTests extends AbstractTransStoreContractTests {

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

}
