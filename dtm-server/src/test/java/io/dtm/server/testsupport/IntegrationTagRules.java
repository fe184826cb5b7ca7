package io.dtm.server.testsupport;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The build-time half of the test-split convention ({@link TestPhase} is the run-time
 * half): a test class that boots Spring Boot with {@code @SpringBootTest} (directly,
 * through a meta-annotation or from a superclass) or is named {@code *IT} must carry
 * {@code @Tag("integration")} (directly, through {@code @Tags}, a meta-annotation or a
 * superclass), so that it runs under Failsafe in {@code ./mvnw verify} and never in the
 * fast {@code ./mvnw test}. Every module with tests checks its own test classes with
 * {@link #checkTestClassesOf(Class)}. Annotations are matched by name, so a module
 * without spring-boot-test on its class path can use the rules too.
 */
public final class IntegrationTagRules {

	/** The tag of tests that need services or boot Spring Boot. */
	public static final String INTEGRATION = "integration";

	private static final String SPRING_BOOT_TEST = "org.springframework.boot.test.context.SpringBootTest";

	private static final String TAG = "org.junit.jupiter.api.Tag";

	private static final String TAGS = "org.junit.jupiter.api.Tags";

	/** {@code @SpringBootTest} classes are tagged integration. */
	public static final ArchRule SPRING_BOOT_TESTS = classes().that(areConcrete())
		.and(bootSpringBoot())
		.should(beTaggedIntegration())
		.allowEmptyShould(true)
		.because("@SpringBootTest is slow: it runs under Failsafe in ./mvnw verify, not in the fast ./mvnw test "
				+ "(docs/developing.md)");

	/**
	 * {@code *IT} classes are tagged integration (Failsafe runs only tagged classes;
	 * Surefire never looks at {@code *IT}, so an untagged one would run nowhere).
	 */
	public static final ArchRule IT_CLASSES = classes().that(areConcrete())
		.and()
		.haveSimpleNameEndingWith("IT")
		.should(beTaggedIntegration())
		.allowEmptyShould(true)
		.because("Failsafe runs only classes tagged integration, and Surefire never runs *IT classes");

	private IntegrationTagRules() {
	}

	/**
	 * Check both rules against the top-level test classes compiled next to the given one
	 * (the test output directory of one module, not the test jars it depends on). Nested
	 * classes are left out: JUnit gives {@code @Nested} classes the tags of the class
	 * around them, and rule tests keep their fixtures nested.
	 * @param anyTestClass a test class of the module
	 */
	public static void checkTestClassesOf(Class<?> anyTestClass) {
		JavaClasses tests = importClasses((importer) -> importer.importPath(location(anyTestClass)))
			.that(DescribedPredicate.describe("are top-level classes", JavaClass::isTopLevelClass));
		CompositeArchRule.of(SPRING_BOOT_TESTS).and(IT_CLASSES).check(tests);
	}

	/**
	 * Import classes without resolving the types they refer to from the class path (that
	 * takes seconds): the rules match annotations by name, so they see direct annotations
	 * of any origin and meta-annotations and superclasses among the imported classes,
	 * which for one module's test classes are its own test bases and composed
	 * annotations.
	 * @param importing what to import
	 * @return the imported classes
	 */
	public static JavaClasses importClasses(Function<ClassFileImporter, JavaClasses> importing) {
		return ArchConfiguration.withThreadLocalScope((configuration) -> {
			configuration.setResolveMissingDependenciesFromClassPath(false);
			return importing.apply(new ClassFileImporter());
		});
	}

	private static Path location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static DescribedPredicate<JavaClass> areConcrete() {
		return DescribedPredicate.describe("are concrete classes", (type) -> !type.isInterface() && !type.isAnnotation()
				&& !type.getModifiers().contains(JavaModifier.ABSTRACT));
	}

	private static DescribedPredicate<JavaClass> bootSpringBoot() {
		return DescribedPredicate.describe("are annotated with @SpringBootTest (directly, meta or inherited)",
				(type) -> hierarchy(type).stream()
					.anyMatch((each) -> each.isAnnotatedWith(SPRING_BOOT_TEST)
							|| each.isMetaAnnotatedWith(SPRING_BOOT_TEST)));
	}

	private static ArchCondition<JavaClass> beTaggedIntegration() {
		return new ArchCondition<>("be tagged @Tag(\"" + INTEGRATION + "\")") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				boolean tagged = hierarchy(type).stream().anyMatch(IntegrationTagRules::carriesIntegrationTag);
				events.add(new SimpleConditionEvent(type, tagged, type.getName() + (tagged ? " is" : " is not")
						+ " tagged @Tag(\"" + INTEGRATION + "\"): add it to the class or its abstract base"));
			}

		};
	}

	private static List<JavaClass> hierarchy(JavaClass type) {
		List<JavaClass> all = new ArrayList<>();
		all.add(type);
		all.addAll(type.getAllRawSuperclasses());
		all.addAll(type.getAllRawInterfaces());
		return all;
	}

	private static boolean carriesIntegrationTag(JavaClass type) {
		Deque<JavaAnnotation<?>> pending = new ArrayDeque<>(type.getAnnotations());
		Set<String> seen = new HashSet<>();
		while (!pending.isEmpty()) {
			JavaAnnotation<?> annotation = pending.pop();
			String name = annotation.getRawType().getName();
			if (name.equals(TAG) && INTEGRATION.equals(annotation.get("value").orElse(null))) {
				return true;
			}
			if (name.equals(TAGS)) {
				for (Object tag : (Object[]) annotation.get("value").orElse(new Object[0])) {
					pending.push((JavaAnnotation<?>) tag);
				}
			}
			else if (seen.add(name)) {
				pending.addAll(annotation.getRawType().getAnnotations());
			}
		}
		return false;
	}

}
