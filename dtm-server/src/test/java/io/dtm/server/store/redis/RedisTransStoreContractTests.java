package io.dtm.server.store.redis;

import io.dtm.server.store.AbstractBranchCallLogContractTests;
import io.dtm.server.store.AbstractSpringTransStoreContractTests;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Store contract on a real Redis.
 */
class RedisTransStoreContractTests extends AbstractSpringTransStoreContractTests {

	@BeforeAll
	static void requireRedis() {
		ExternalServices.redis();
	}

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.redis(registry);
	}

	@Nested
	class BranchCalls extends AbstractBranchCallLogContractTests {

		@Override
		protected BranchCallLog log() {
			return RedisTransStoreContractTests.this.callLog();
		}

	}

}
