package io.dtm.samples;

import io.dtm.server.testsupport.IntegrationTagRules;
import org.junit.jupiter.api.Test;

/**
 * The samples' test classes follow the test split: a {@code @SpringBootTest} or
 * {@code *IT} class is tagged integration ({@link IntegrationTagRules}).
 */
class IntegrationTagTests {

	@Test
	void whenTestClassesOfTheSamplesAreCheckedShouldFindEveryBootTestAndItTaggedIntegration() {
		IntegrationTagRules.checkTestClassesOf(IntegrationTagTests.class);
	}

}
