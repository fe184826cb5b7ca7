package io.dtm.server.protocol;

import io.dtm.server.testsupport.TestStores;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Workflow protocol tests on the H2 store.
 */
class H2WorkflowProtocolTests extends AbstractWorkflowProtocolTests {

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

}
