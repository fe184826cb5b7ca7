package io.dtm.samples.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The coordinator under test, as its own JVM (so its RSS and CPU time are its own):
 * started from the packaged jar, waited for on {@code /api/ping}, measured through
 * {@code /proc}, and killed afterwards.
 */
public final class CoordinatorProcess implements AutoCloseable {

	private static final long CLOCK_TICKS_PER_SECOND = 100;

	private final Process process;

	private final int port;

	private final int grpcPort;

	private final Duration startup;

	private CoordinatorProcess(Process process, int port, int grpcPort, Duration startup) {
		this.process = process;
		this.port = port;
		this.grpcPort = grpcPort;
		this.startup = startup;
	}

	/**
	 * Start a coordinator and wait until it answers.
	 * @param jar the server jar
	 * @param args extra application arguments
	 * @param log where its output goes
	 * @return the running coordinator
	 * @throws IOException when it cannot start
	 */
	public static CoordinatorProcess start(Path jar, List<String> args, Path log) throws IOException {
		return start(ProcessHandle.current().info().command().orElse("java"), jar, List.of(), args, log);
	}

	/**
	 * Start a coordinator with extra JVM options and wait until it answers.
	 * @param java the {@code java} launcher
	 * @param jar the server jar
	 * @param jvmArgs JVM options
	 * @param args extra application arguments
	 * @param log where its output goes
	 * @return the running coordinator
	 * @throws IOException when it cannot start
	 */
	public static CoordinatorProcess start(String java, Path jar, List<String> jvmArgs, List<String> args, Path log)
			throws IOException {
		int port = freePort();
		int grpcPort = freePort();
		List<String> command = new ArrayList<>();
		command.add(java);
		command.add("-Xmx512m");
		command.addAll(jvmArgs);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.add("--dtm.server.grpc.port=" + grpcPort);
		command.add("--logging.level.root=warn");
		command.addAll(args);
		Files.createDirectories(log.getParent());
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException("coordinator exited with " + process.exitValue() + "; see " + log);
			}
			try {
				HttpResponse<String> ping = client.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ping")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (ping.statusCode() == 200) {
					return new CoordinatorProcess(process, port, grpcPort,
							Duration.ofNanos(System.nanoTime() - started));
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			sleep(100);
		}
		process.destroyForcibly();
		throw new IOException("coordinator did not answer /api/ping within 90 s; see " + log);
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The port of the coordinator's gRPC API.
	 * @return the port
	 */
	public int grpcPort() {
		return this.grpcPort;
	}

	public Duration startup() {
		return this.startup;
	}

	/**
	 * Resident set size now.
	 * @return bytes
	 */
	public long rssBytes() {
		return statusKb("VmRSS:") * 1024;
	}

	/**
	 * Peak resident set size.
	 * @return bytes
	 */
	public long peakRssBytes() {
		return statusKb("VmHWM:") * 1024;
	}

	/**
	 * User plus system CPU time consumed so far.
	 * @return seconds
	 */
	public double cpuSeconds() {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(this.process.pid()), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

	private long statusKb(String key) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
			return lines.filter((line) -> line.startsWith(key))
				.map((line) -> Long.parseLong(line.replaceAll("\\D+", "")))
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	/**
	 * Find {@code dtm-server/target/dtm-server-*-exec.jar} from the working directory
	 * upwards.
	 * @return the jar
	 */
	static Path findServerJar() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path target = dir.resolve("dtm-server").resolve("target");
			if (Files.isDirectory(target)) {
				try (Stream<Path> files = Files.list(target)) {
					return files.filter((f) -> f.getFileName().toString().matches("dtm-server-.*-exec\\.jar"))
						.findFirst()
						.orElseThrow(() -> new IllegalStateException("no dtm-server jar in " + target
								+ "; build it: ./mvnw -pl dtm-server -am package -DskipTests"));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("dtm-server/target not found above the working directory; pass --server-jar");
	}

	/**
	 * Repository root (the directory holding dtm-server), for schema files.
	 * @return the root
	 */
	static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isDirectory(dir.resolve("dtm-server"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("run the bench from the repository (dtm-server not found)");
		}
		return dir;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
