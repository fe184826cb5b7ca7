package io.dtm.server.testsupport;

import java.util.Optional;

/**
 * The Maven test phase this JVM runs in, as set by the parent pom in the system property
 * {@value #PROPERTY}: {@value #FAST} under Surefire ({@code ./mvnw test}, no services),
 * {@code integration} under Failsafe ({@code ./mvnw verify}). Helpers that reach a real
 * service (a database, Redis, Nacos, a coordinator process) call
 * {@link #requireIntegration(String)} first, so an untagged test that needs one fails in
 * the fast phase with the fix in the message instead of passing only where the service
 * happens to run. Unset (a test started from an IDE) means no restriction.
 */
public final class TestPhase {

	/** The system property naming the phase. */
	public static final String PROPERTY = "dtm.test.phase";

	/** The value of {@value #PROPERTY} in the fast phase. */
	public static final String FAST = "unit";

	private TestPhase() {
	}

	/**
	 * Whether this JVM runs the fast phase.
	 * @return {@code true} under Surefire
	 */
	public static boolean isFast() {
		return FAST.equals(System.getProperty(PROPERTY));
	}

	/**
	 * Fail when a test of the fast phase asks for a real service.
	 * @param service what the test asked for, e.g. {@code "Redis"}
	 * @throws IllegalStateException in the fast phase, naming the test and the fix
	 */
	public static void requireIntegration(String service) {
		if (isFast()) {
			throw new IllegalStateException(caller().orElse("A test") + " needs " + service
					+ ", but it runs in the fast phase (Surefire, ./mvnw test), which must not need services: "
					+ "tag it @Tag(\"integration\") (org.junit.jupiter.api.Tag, on the class or its abstract base) "
					+ "so that Failsafe runs it in ./mvnw verify (docs/developing.md).");
		}
	}

	private static Optional<String> caller() {
		return StackWalker.getInstance()
			.walk((frames) -> frames.map(StackWalker.StackFrame::getClassName)
				.map((name) -> (name.indexOf('$') > 0) ? name.substring(0, name.indexOf('$')) : name)
				.filter((name) -> name.endsWith("Tests") || name.endsWith("Test") || name.endsWith("IT"))
				.findFirst());
	}

}
