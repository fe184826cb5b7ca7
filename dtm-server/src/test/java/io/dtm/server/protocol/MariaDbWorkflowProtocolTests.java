package io.dtm.server.protocol;

import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Workflow protocol tests on the MariaDb store.
 */
class MariaDbWorkflowProtocolTests extends AbstractWorkflowProtocolTests {

	@BeforeAll
	static void requireDatabase() {
		ExternalServices.mysql();
	}

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.mariadb(registry, "workflow");
	}

}
