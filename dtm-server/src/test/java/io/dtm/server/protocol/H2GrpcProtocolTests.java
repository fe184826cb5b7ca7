package io.dtm.server.protocol;

import io.dtm.server.testsupport.TestStores;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * gRPC protocol tests on the H2 store.
 */
class H2GrpcProtocolTests extends AbstractGrpcProtocolTests {

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

}
