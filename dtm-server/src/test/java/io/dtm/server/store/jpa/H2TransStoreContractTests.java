package io.dtm.server.store.jpa;

import io.dtm.server.store.TransStore;

import io.dtm.server.store.RetentionStore;

import io.dtm.server.store.JobLease;

import io.dtm.server.store.AbstractRetentionContractTests;

import java.util.UUID;

import io.dtm.server.service.AuditService;
import io.dtm.server.store.AbstractAuditTrailContractTests;
import io.dtm.server.store.AbstractBranchCallLogContractTests;
import io.dtm.server.store.AbstractInstanceRegistryContractTests;
import io.dtm.server.store.AbstractSpringTransStoreContractTests;
import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditOutcome;
import io.dtm.server.store.AuditTrail;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.InstanceRegistry;
import io.dtm.server.testsupport.TestStores;
import io.micrometer.core.instrument.MeterRegistry;
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
	private RetentionStore retention;

	@Autowired
	private JobLease lease;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void contextWhenStoreIsJpaShouldAuditThroughTheSqlTrailAndCountOnTheApplicationsRegistry() {
		assertThat(this.context.getBean(BranchCallLog.class)).isInstanceOf(JdbcBranchCallLog.class);
		assertThat(this.context.getBean(AuditTrail.class)).isInstanceOf(JdbcAuditTrail.class);
		assertThat(this.context.getBean(InstanceRegistry.class)).isInstanceOf(JdbcInstanceRegistry.class);
		String gid = "audited-" + UUID.randomUUID();

		this.context.getBean(AuditService.class).audited("alice", AuditAction.RETRY_NOW, gid, "", () -> "ok");

		assertThat(auditTrail().forGid(gid)).singleElement()
			.satisfies((entry) -> assertThat(entry.outcome()).isEqualTo(AuditOutcome.DONE));
		assertThat(this.context.getBean(MeterRegistry.class)
			.get("dtm.audit.actions")
			.tags("action", "retry_now", "outcome", "done")
			.counter()
			.count()).isPositive();
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

	@Nested
	class Audit extends AbstractAuditTrailContractTests {

		@Override
		protected AuditTrail trail() {
			return H2TransStoreContractTests.this.auditTrail();
		}

	}

	@Nested
	class Instances extends AbstractInstanceRegistryContractTests {

		@Override
		protected InstanceRegistry registry() {
			return H2TransStoreContractTests.this.instanceRegistry();
		}

	}

	@Nested
	class Retention extends AbstractRetentionContractTests {

		@Override
		protected TransStore store() {
			return H2TransStoreContractTests.this.store();
		}

		@Override
		protected BranchCallLog callLog() {
			return H2TransStoreContractTests.this.callLog();
		}

		@Override
		protected RetentionStore retention() {
			return H2TransStoreContractTests.this.retention;
		}

		@Override
		protected JobLease lease() {
			return H2TransStoreContractTests.this.lease;
		}

	}

}
