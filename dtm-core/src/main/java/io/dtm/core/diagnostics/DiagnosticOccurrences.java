package io.dtm.core.diagnostics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a new occurrence of a problem from a repetition, per named check, so that a
 * failing check is logged once when it starts failing or fails for another cause, and
 * once when it recovers, however often it is asked.
 */
public final class DiagnosticOccurrences {

	private final Map<String, String> failing = new ConcurrentHashMap<>();

	/**
	 * Record that a check failed.
	 * @param check the check name
	 * @param diagnosis the problem
	 * @return whether this is a new occurrence: the check passed before, or failed for
	 * another cause
	 */
	public boolean failed(String check, Diagnosis diagnosis) {
		String cause = diagnosis.causeText();
		return !cause.equals(this.failing.put(check, cause));
	}

	/**
	 * Record that a check passed.
	 * @param check the check name
	 * @return whether it was failing until now
	 */
	public boolean passed(String check) {
		return this.failing.remove(check) != null;
	}

	/**
	 * Whether a check is known to fail.
	 * @param check the check name
	 * @return {@code true} while it fails
	 */
	public boolean isFailing(String check) {
		return this.failing.containsKey(check);
	}

}
