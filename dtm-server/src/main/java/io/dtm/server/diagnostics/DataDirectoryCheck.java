package io.dtm.server.diagnostics;

import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.PathTarget;

/**
 * Checks at run time that the embedded store's data directory still exists and is
 * writable.
 */
public class DataDirectoryCheck implements DiagnosticCheck {

	private final String directory;

	public DataDirectoryCheck(String directory) {
		this.directory = directory;
	}

	@Override
	public String name() {
		return "data-dir";
	}

	@Override
	public Optional<Diagnosis> run() {
		return PathTarget.checkWritableDirectory(DataDirectoryVerifier.PROPERTY, this.directory);
	}

	/**
	 * D1004 "file-system error": a directory that does not answer in time is on a hung
	 * (network) file system.
	 */
	@Override
	public Diagnosis timedOut(String error) {
		return PathTarget.diagnosis(DiagnosticCause.PATH_OTHER, DataDirectoryVerifier.PROPERTY, this.directory, error);
	}

}
