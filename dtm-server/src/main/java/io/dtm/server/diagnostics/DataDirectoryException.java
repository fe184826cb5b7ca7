package io.dtm.server.diagnostics;

import io.dtm.core.diagnostics.Diagnosis;

/**
 * Start-up failure: the embedded store's data directory cannot be used (D1004).
 */
public class DataDirectoryException extends RuntimeException {

	private final transient Diagnosis diagnosis;

	public DataDirectoryException(Diagnosis diagnosis) {
		super(diagnosis.message());
		this.diagnosis = diagnosis;
	}

	public Diagnosis getDiagnosis() {
		return this.diagnosis;
	}

}
