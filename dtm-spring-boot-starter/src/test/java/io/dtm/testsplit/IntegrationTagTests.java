package io.dtm.testsplit;

import io.dtm.server.testsupport.IntegrationTagRules;
import org.junit.jupiter.api.Test;

/**
 * The starter's test classes follow the test split: a {@code @SpringBootTest} or
 * {@code *IT} class is tagged integration ({@link IntegrationTagRules}).
 */
class IntegrationTagTests {

	@Test
	void whenTestClassesOfTheStarterAreCheckedShouldFindEveryBootTestAndItTaggedIntegration() {
		IntegrationTagRules.checkTestClassesOf(IntegrationTagTests.class);
	}

}
