package io.dtm.server.api;

import io.dtm.server.testsupport.TestStores;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests for the rejection of bad input on the embedded H2 file store.
 */
class H2BadInputTests extends AbstractBadInputTests {

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

}
