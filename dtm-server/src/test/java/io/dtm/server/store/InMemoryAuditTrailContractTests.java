package io.dtm.server.store;

import io.dtm.server.testsupport.InMemoryAuditTrail;

/**
 * Audit trail contract on the in-memory trail of the service tests.
 */
class InMemoryAuditTrailContractTests extends AbstractAuditTrailContractTests {

	private final InMemoryAuditTrail trail = new InMemoryAuditTrail();

	@Override
	protected AuditTrail trail() {
		return this.trail;
	}

}
