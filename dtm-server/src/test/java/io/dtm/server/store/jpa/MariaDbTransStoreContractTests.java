package io.dtm.server.store.jpa;

import org.springframework.beans.factory.annotation.Autowired;

import io.dtm.server.store.TransStore;

import io.dtm.server.store.RetentionStore;

import io.dtm.server.store.JobLease;

import io.dtm.server.store.AbstractRetentionContractTests;

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

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Store contract on a real MariaDB through MySQL Connector/J.
 */
class MariaDbTransStoreContractTests extends AbstractSpringTransStoreContractTests {

	@Autowired
	private RetentionStore retention;

	@Autowired
	private JobLease lease;

	@BeforeAll
	static void requireDatabase() {
		ExternalServices.mysql();
	}

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.mariadb(registry, "contract");
	}

	@Nested
	class BranchCalls extends AbstractBranchCallLogContractTests {

		@Override
		protected BranchCallLog log() {
			return MariaDbTransStoreContractTests.this.callLog();
		}

	}

	@Nested
	class Audit extends AbstractAuditTrailContractTests {

		@Override
		protected AuditTrail trail() {
			return MariaDbTransStoreContractTests.this.auditTrail();
		}

	}

	@Nested
	class Instances extends AbstractInstanceRegistryContractTests {

		@Override
		protected InstanceRegistry registry() {
			return MariaDbTransStoreContractTests.this.instanceRegistry();
		}

	}

	@Nested
	class Retention extends AbstractRetentionContractTests {

		@Override
		protected TransStore store() {
			return MariaDbTransStoreContractTests.this.store();
		}

		@Override
		protected BranchCallLog callLog() {
			return MariaDbTransStoreContractTests.this.callLog();
		}

		@Override
		protected RetentionStore retention() {
			return MariaDbTransStoreContractTests.this.retention;
		}

		@Override
		protected JobLease lease() {
			return MariaDbTransStoreContractTests.this.lease;
		}

	}

}
