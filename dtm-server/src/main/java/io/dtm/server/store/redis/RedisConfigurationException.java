package io.dtm.server.store.redis;

import io.dtm.core.diagnostics.Diagnosis;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Redis cannot be used because of a connection or configuration error (D1002). It is a
 * {@link DataAccessResourceFailureException}, so callers treat it like any unreachable
 * store: the operation may be retried once the cause is fixed. At start-up it is reported
 * by {@link RedisStoreFailureAnalyzer}.
 */
public class RedisConfigurationException extends DataAccessResourceFailureException {

	private final transient Diagnosis diagnosis;

	/**
	 * Create the exception.
	 * @param diagnosis the classified cause, a D1002 one
	 * @param cause the original error, or {@code null}
	 */
	public RedisConfigurationException(Diagnosis diagnosis, Throwable cause) {
		super(diagnosis.messageWithError(), cause);
		this.diagnosis = diagnosis;
	}

	/**
	 * The classified cause.
	 * @return the diagnosis
	 */
	public Diagnosis getDiagnosis() {
		return this.diagnosis;
	}

}
