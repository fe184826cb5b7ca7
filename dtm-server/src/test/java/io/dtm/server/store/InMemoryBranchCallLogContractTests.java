package io.dtm.server.store;

import io.dtm.server.testsupport.InMemoryBranchCallLog;

/**
 * Branch call log contract on the in-memory log of the engine tests.
 */
class InMemoryBranchCallLogContractTests extends AbstractBranchCallLogContractTests {

	private final InMemoryBranchCallLog log = new InMemoryBranchCallLog();

	@Override
	protected BranchCallLog log() {
		return this.log;
	}

}
