package io.dtm.server.diagnostics;

import java.util.Optional;

import io.dtm.core.Diagnosis;
import io.dtm.core.PathTarget;

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

}
