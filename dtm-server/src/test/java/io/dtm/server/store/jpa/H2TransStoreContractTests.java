package io.dtm.server.store.jpa;

import io.dtm.server.store.AbstractBranchCallLogContractTests;
import io.dtm.server.store.AbstractSpringTransStoreContractTests;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store contract on the embedded H2 file store.
 */
class H2TransStoreContractTests extends AbstractSpringTransStoreContractTests {

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void contextWhenStoreIsJpaShouldNotConfigureRedis() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RedisTemplate.class)).isEmpty();
	}

	@Nested
	class BranchCalls extends AbstractBranchCallLogContractTests {

		@Override
		protected BranchCallLog log() {
			return H2TransStoreContractTests.this.callLog();
		}

	}

}
