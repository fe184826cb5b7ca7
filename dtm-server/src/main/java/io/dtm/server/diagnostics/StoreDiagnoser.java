package io.dtm.server.diagnostics;

import io.dtm.core.diagnostics.Diagnosis;

/**
 * Classifies a failure of the configured transaction store: D1001 causes for the SQL
 * store, D1002 causes for the Redis store. Each store configuration contributes one;
 * without one the SQL classification is used.
 */
@FunctionalInterface
public interface StoreDiagnoser {

	/**
	 * Classify a store failure.
	 * @param failure the exception
	 * @return the diagnosis (never {@code null}; an "other" cause when nothing specific
	 * matched)
	 */
	Diagnosis diagnose(Throwable failure);

}
