package io.dtm.server.engine;

import io.dtm.core.TransType;

/**
 * Drives one processing pass of a transaction of one mode. A pass calls what can be
 * called now, records results and status changes through {@link TransPass}, and returns;
 * the worker then schedules the next pass if the transaction is not finished.
 */
public interface TransProcessor {

	/**
	 * The mode this processor handles.
	 * @return the mode
	 */
	TransType type();

	/**
	 * Run one pass.
	 * @param pass the pass
	 */
	void process(TransPass pass);

}
