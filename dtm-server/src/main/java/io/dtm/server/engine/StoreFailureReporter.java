package io.dtm.server.engine;

/**
 * Recognises and reports failures of the transaction store (an outage, a lost connection)
 * so the engine can tell them from its own errors: a store failure is logged once per
 * occurrence with its D-code and retried at the base interval; anything else is logged
 * with its stack trace.
 */
@FunctionalInterface
public interface StoreFailureReporter {

	/** Treats nothing as a store failure. */
	StoreFailureReporter NONE = (failure) -> false;

	/**
	 * Report a failure if it is a store failure.
	 * @param failure the exception
	 * @return whether it was a store failure (and has been reported)
	 */
	boolean report(Throwable failure);

	/**
	 * Tell that the store answered again.
	 */
	default void recovered() {
	}

}
