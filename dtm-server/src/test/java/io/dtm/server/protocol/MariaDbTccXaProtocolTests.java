package io.dtm.server.protocol;

import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * TCC, XA and operator protocol tests on the MariaDb store.
 */
class MariaDbTccXaProtocolTests extends AbstractTccXaProtocolTests {

	@BeforeAll
	static void requireDatabase() {
		ExternalServices.mysql();
	}

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.mariadb(registry, "tccxa");
	}

}
