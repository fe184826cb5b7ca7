package io.dtm.server.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} on a free loopback port for tests that need a specially
 * configured server (a password, few databases). It runs without persistence and is
 * stopped, by its own process handle, on {@link #close()}. A missing {@code redis-server}
 * binary fails the test loudly.
 */
public final class ThrowAwayRedis implements AutoCloseable {

	private final Process process;

	private final int port;

	private ThrowAwayRedis(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start a server.
	 * @param extraArguments arguments such as {@code --requirepass x}
	 * @return the running server
	 */
	public static ThrowAwayRedis start(String... extraArguments) {
		return startOn(freePort(), extraArguments);
	}

	/**
	 * Start a server on a given port (to bring one back after an outage).
	 * @param port the port
	 * @param extraArguments arguments such as {@code --requirepass x}
	 * @return the running server
	 */
	public static ThrowAwayRedis startOn(int port, String... extraArguments) {
		TestPhase.requireIntegration("a redis-server process");
		String binary = findBinary();
		List<String> command = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no"));
		command.addAll(List.of(extraArguments));
		try {
			Path log = Files.createTempFile("throw-away-redis-", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ThrowAwayRedis redis = new ThrowAwayRedis(process, port);
			redis.awaitReady(Duration.ofSeconds(10), log);
			return redis;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + command, ex);
		}
	}

	/**
	 * A loopback port nothing listens on (at the time of the call).
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Kill the server with SIGKILL, as a crash would (what the AOF holds survives).
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady(Duration timeout, Path log) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited: " + Files.readString(log));
			}
			if (answers()) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		close();
		throw new IllegalStateException(
				"redis-server did not answer on port " + this.port + ": " + Files.readString(log));
	}

	private boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			int first = in.read();
			return first == '+' || first == '-';
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String findBinary() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		File fallback = new File("/usr/bin/redis-server");
		if (fallback.canExecute()) {
			return fallback.getPath();
		}
		throw new IllegalStateException("redis-server is not installed (apt-get install redis-server); the D1002 "
				+ "tests start their own password-protected server and refuse to skip.");
	}

}
