package io.dtm.server.testsplit;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import io.dtm.server.testsupport.IntegrationTagRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Tags;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IntegrationTagRules}, and the check of dtm-server's own test classes.
 */
class IntegrationTagRulesTests {

	@Test
	void whenTestClassesOfDtmServerAreCheckedShouldFindEveryBootTestAndItTaggedIntegration() {
		IntegrationTagRules.checkTestClassesOf(IntegrationTagRulesTests.class);
	}

	@Test
	void whenBootTestIsNotTaggedShouldReportItWhereverSpringBootTestComesFrom() {
		assertThat(violations(IntegrationTagRules.SPRING_BOOT_TESTS, Untagged.class, BootMeta.class, UntaggedMeta.class,
				UntaggedBase.class, InheritsBoot.class, OtherTagOnly.class))
			.containsExactlyInAnyOrder(Untagged.class.getName(), UntaggedMeta.class.getName(),
					InheritsBoot.class.getName(), OtherTagOnly.class.getName());
	}

	@Test
	void whenBootTestIsTaggedShouldAcceptTheTagWhereverItComesFrom() {
		assertThat(violations(IntegrationTagRules.SPRING_BOOT_TESTS, Tagged.class, BootMeta.class, TaggedBase.class,
				InheritsTag.class, IntegrationTest.class, ComposedTag.class, TagsContainer.class, NoBoot.class,
				UntaggedBase.class))
			.isEmpty();
	}

	@Test
	void whenItClassIsNotTaggedShouldReportIt() {
		assertThat(violations(IntegrationTagRules.IT_CLASSES, UntaggedIT.class, TaggedIT.class))
			.containsExactly(UntaggedIT.class.getName());
	}

	private static List<String> violations(ArchRule rule, Class<?>... fixtures) {
		JavaClasses classes = IntegrationTagRules.importClasses((importer) -> importer.importClasses(fixtures));
		return rule.evaluate(classes)
			.getFailureReport()
			.getDetails()
			.stream()
			.map((detail) -> detail.substring(0, detail.indexOf(' ')))
			.toList();
	}

	@Retention(RetentionPolicy.RUNTIME)
	@SpringBootTest
	@interface BootMeta {

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Tag("integration")
	@interface IntegrationTest {

	}

	@SpringBootTest
	static class Untagged {

	}

	@BootMeta
	static class UntaggedMeta {

	}

	@SpringBootTest
	abstract static class UntaggedBase {

	}

	static class InheritsBoot extends UntaggedBase {

	}

	@Tag("slow")
	@SpringBootTest
	static class OtherTagOnly {

	}

	@Tag("integration")
	@SpringBootTest
	static class Tagged {

	}

	@Tag("integration")
	abstract static class TaggedBase {

	}

	@BootMeta
	static class InheritsTag extends TaggedBase {

	}

	@IntegrationTest
	@SpringBootTest
	static class ComposedTag {

	}

	@Tags({ @Tag("slow"), @Tag("integration") })
	@SpringBootTest
	static class TagsContainer {

	}

	static class NoBoot {

	}

	static class UntaggedIT {

	}

	@Tag("integration")
	static class TaggedIT {

	}

}
