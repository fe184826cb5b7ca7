package io.dtm.server.api;

import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests for the rejection of bad input on a real MariaDB through MySQL Connector/J.
 */
class MariaDbBadInputTests extends AbstractBadInputTests {

	@BeforeAll
	static void requireDatabase() {
		ExternalServices.mysql();
	}

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.mariadb(registry, "badinput");
	}

}
