package io.dtm.server.store;

import org.junit.jupiter.api.Tag;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The store contract bound to the store the coordinator's own configuration creates;
 * subclasses choose the store with properties, and bind the contracts of the store's
 * other parts ({@link AbstractBranchCallLogContractTests},
 * {@link AbstractAuditTrailContractTests}, {@link AbstractInstanceRegistryContractTests})
 * in {@code @Nested} classes so that they run on the same application context.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "dtm.server.cron.enabled=false")
public abstract class AbstractSpringTransStoreContractTests extends AbstractTransStoreContractTests {

	@Autowired
	private TransStore store;

	@Autowired
	private BranchCallLog callLog;

	@Autowired
	private AuditTrail auditTrail;

	@Autowired
	private InstanceRegistry instanceRegistry;

	@Override
	protected TransStore store() {
		return this.store;
	}

	/**
	 * The branch call log the same configuration creates, for the contract classes the
	 * subclasses nest (a nested class shares the subclass's application context).
	 * @return the log
	 */
	protected BranchCallLog callLog() {
		return this.callLog;
	}

	/**
	 * The audit trail the same configuration creates, for a nested contract class.
	 * @return the trail
	 */
	protected AuditTrail auditTrail() {
		return this.auditTrail;
	}

	/**
	 * The instance registry the same configuration creates, for a nested contract class.
	 * @return the registry
	 */
	protected InstanceRegistry instanceRegistry() {
		return this.instanceRegistry;
	}

}
