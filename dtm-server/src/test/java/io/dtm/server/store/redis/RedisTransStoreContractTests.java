package io.dtm.server.store.redis;

import io.dtm.server.store.AbstractAuditTrailContractTests;
import io.dtm.server.store.AbstractBranchCallLogContractTests;
import io.dtm.server.store.AbstractInstanceRegistryContractTests;
import io.dtm.server.store.AbstractSpringTransStoreContractTests;
import io.dtm.server.store.AuditTrail;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.InstanceRegistry;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Autowired
	private ApplicationContext context;

	@Test
	void contextWhenStoreIsRedisShouldKeepCallRecordsAndTheAuditTrailInRedis() {
		assertThat(this.context.getBean(BranchCallLog.class)).isInstanceOf(RedisBranchCallLog.class);
		assertThat(this.context.getBean(AuditTrail.class)).isInstanceOf(RedisAuditTrail.class);
		assertThat(this.context.getBean(InstanceRegistry.class)).isInstanceOf(RedisInstanceRegistry.class);
	}

	@Nested
	class BranchCalls extends AbstractBranchCallLogContractTests {

		@Override
		protected BranchCallLog log() {
			return RedisTransStoreContractTests.this.callLog();
		}

	}

	@Nested
	class Audit extends AbstractAuditTrailContractTests {

		@Override
		protected AuditTrail trail() {
			return RedisTransStoreContractTests.this.auditTrail();
		}

	}

	@Nested
	class Instances extends AbstractInstanceRegistryContractTests {

		@Override
		protected InstanceRegistry registry() {
			return RedisTransStoreContractTests.this.instanceRegistry();
		}

	}

}
