package io.dtm.server.store;

import org.junit.jupiter.api.Tag;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The store contract bound to the store the coordinator's own configuration creates;
 * subclasses choose the store with properties.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "dtm.server.cron.enabled=false")
public abstract class AbstractSpringTransStoreContractTests extends AbstractTransStoreContractTests {

	@Autowired
	private TransStore store;

	@Override
	protected TransStore store() {
		return this.store;
	}

}
