package io.dtm.server.engine;

import org.slf4j.MDC;

/**
 * Makes the gid of the transaction being worked on known on the current thread: to the
 * logs ({@link #MDC_KEY} in the MDC) and, with tracing on, to the calls the thread makes
 * (as baggage). Opened for a pass and for each branch call, closed when they end.
 */
@FunctionalInterface
public interface GidCorrelation {

	/** The MDC key that carries the gid in the log lines of a pass. */
	String MDC_KEY = "dtm.gid";

	/** The gid in the MDC only. */
	GidCorrelation LOGS = GidCorrelation::mdc;

	/**
	 * Make a gid known until the scope is closed.
	 * @param gid the transaction
	 * @return the scope to close on the same thread
	 */
	Scope open(String gid);

	/**
	 * Put a gid in the MDC until the scope is closed; the value found there before is put
	 * back on close. A thread that already carries the gid is left alone.
	 * @param gid the transaction
	 * @return the scope
	 */
	static Scope mdc(String gid) {
		String previous = MDC.get(MDC_KEY);
		if (gid == null || gid.equals(previous)) {
			return Scope.NONE;
		}
		MDC.put(MDC_KEY, gid);
		return () -> {
			if (previous != null) {
				MDC.put(MDC_KEY, previous);
			}
			else {
				MDC.remove(MDC_KEY);
			}
		};
	}

	/**
	 * What {@link #open(String)} set, undone by {@link #close()}.
	 */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		/** Undoes nothing. */
		Scope NONE = () -> {
		};

		@Override
		void close();

	}

}
