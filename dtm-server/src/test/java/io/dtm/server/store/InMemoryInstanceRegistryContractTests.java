package io.dtm.server.store;

import io.dtm.server.testsupport.InMemoryInstanceRegistry;

/**
 * The registry contract on the in-memory registry the engine tests use.
 */
class InMemoryInstanceRegistryContractTests extends AbstractInstanceRegistryContractTests {

	private final InMemoryInstanceRegistry registry = new InMemoryInstanceRegistry();

	@Override
	protected InstanceRegistry registry() {
		return this.registry;
	}

}
