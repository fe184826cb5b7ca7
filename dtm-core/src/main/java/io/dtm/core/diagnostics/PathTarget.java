package io.dtm.core.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a configured directory the way the process will use it: it must exist (or be
 * creatable), be a directory, and accept a new file. Writing a probe file is the only
 * honest test: permission bits lie for root, ACLs, read-only mounts and immutable
 * directories.
 */
public final class PathTarget {

	private PathTarget() {
	}

	/**
	 * Check a directory the process must write to, creating it when missing.
	 * @param property the property that configures it
	 * @param configured the path as configured
	 * @return a D1004 diagnosis, or empty when the directory is usable
	 */
	public static Optional<Diagnosis> checkWritableDirectory(String property, String configured) {
		Path path = Paths.get(configured);
		if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.exists(path)) {
			if (!Files.isDirectory(path)) {
				return Optional
					.of(diagnosis(DiagnosticCause.PATH_NOT_DIRECTORY, property, configured, "exists but is a file"));
			}
		}
		else {
			try {
				Files.createDirectories(path);
			}
			catch (IOException ex) {
				String error = DiagnosticClassifier.classifyPath(ex, property, configured)
					.map(Diagnosis::error)
					.orElse(ex.toString());
				return Optional
					.of(diagnosis(DiagnosticCause.PATH_MISSING, property, configured, "cannot create it: " + error));
			}
		}
		try {
			Path probe = Files.createTempFile(path, ".dtm-write-check", ".tmp");
			Files.delete(probe);
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of(diagnosis(DiagnosticCause.PATH_NOT_WRITABLE, property, configured,
					DiagnosticClassifier.firstLine(ex.toString()) + " (process user '" + System.getProperty("user.name")
							+ "')"));
		}
	}

	/**
	 * A diagnosis of a configured path, with the path in its manual check.
	 * @param cause the cause, a D1004 one
	 * @param property the property that configures the path
	 * @param configured the path as configured
	 * @param error the underlying error
	 * @return the diagnosis
	 */
	public static Diagnosis diagnosis(DiagnosticCause cause, String property, String configured, String error) {
		return new Diagnosis(cause, describe(property, configured), property, error)
			.filledIn(Map.of("path", configured));
	}

	/**
	 * Phrase a path for a diagnosis, with the absolute path when the configured one is
	 * relative (a relative path resolves against the working directory, which surprises).
	 * @param property the property
	 * @param configured the configured value
	 * @return e.g. {@code for dtm.server.store.h2.data-dir=./data (/srv/dtm/data)}
	 */
	public static String describe(String property, String configured) {
		Path path = Paths.get(configured);
		String absolute = path.isAbsolute() ? "" : " (" + path.toAbsolutePath().normalize() + ")";
		return "for " + property + "=" + configured + absolute;
	}

}
