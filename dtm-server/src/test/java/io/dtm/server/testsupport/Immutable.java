package io.dtm.server.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import java.nio.file.attribute.PosixFilePermission;

/**
 * Makes a directory really unwritable for the test's process: {@code chattr +i} when
 * running as root (root ignores permission bits), {@code chmod 555} otherwise. Undone on
 * close.
 */
public final class Immutable implements AutoCloseable {

	private final Path dir;

	private final boolean root;

	private Immutable(Path dir, boolean root) {
		this.dir = dir;
		this.root = root;
	}

	/**
	 * Lock a directory.
	 * @param dir the directory
	 * @return a handle that unlocks it on close
	 */
	public static Immutable lock(Path dir) {
		boolean root = "root".equals(System.getProperty("user.name"));
		try {
			if (root) {
				run("chattr", "+i", dir.toString());
			}
			else {
				Files.setPosixFilePermissions(dir,
						Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE,
								PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
								PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot make " + dir + " unwritable", ex);
		}
		return new Immutable(dir, root);
	}

	@Override
	public void close() {
		try {
			if (this.root) {
				run("chattr", "-i", this.dir.toString());
			}
			else {
				Files.setPosixFilePermissions(this.dir, Set.of(PosixFilePermission.OWNER_READ,
						PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot unlock " + this.dir, ex);
		}
	}

	private static void run(String... command) throws IOException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException(
						String.join(" ", command) + " failed: " + new String(process.getInputStream().readAllBytes()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}
