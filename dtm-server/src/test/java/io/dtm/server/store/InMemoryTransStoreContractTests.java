package io.dtm.server.store;

import io.dtm.server.testsupport.InMemoryTransStore;

/**
 * Store contract on the in-memory store of the engine tests, so that what the engine
 * tests show holds for the real stores too.
 */
class InMemoryTransStoreContractTests extends AbstractTransStoreContractTests {

	private final InMemoryTransStore store = new InMemoryTransStore();

	@Override
	protected TransStore store() {
		return this.store;
	}

}
