package io.dtm.server.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged coordinator jar (system property {@code dtm.server.jar}, set by failsafe)
 * running as its own JVM on a free port with an embedded H2 store, so tests can send it
 * real signals. Its working directory and output ({@code coordinator.log}) are under
 * {@code target/nacos-it/<name>}; the Nacos client writes its logs and cache there too.
 */
public final class CoordinatorProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final int port;

	private final int grpcPort;

	private final Path log;

	private CoordinatorProcess(Process process, int port, int grpcPort, Path log) {
		this.process = process;
		this.port = port;
		this.grpcPort = grpcPort;
		this.log = log;
	}

	/**
	 * Start a coordinator and wait until it is ready: {@code /actuator/health/readiness}
	 * answers 200 only once the whole application has started (the gRPC server too), so a
	 * coordinator that answers {@code /api/ping} but then fails a later start-up step is
	 * not taken for running.
	 * @param name readable name for its directory
	 * @param arguments extra {@code --key=value} arguments
	 * @return the running coordinator
	 */
	public static CoordinatorProcess start(String name, List<String> arguments) {
		return start(name, arguments, Map.of());
	}

	/**
	 * Start a coordinator with extra environment variables and wait until it is ready.
	 * @param name readable name for its directory
	 * @param arguments extra {@code --key=value} arguments
	 * @param environment variables added to the inherited environment
	 * @return the running coordinator
	 */
	public static CoordinatorProcess start(String name, List<String> arguments, Map<String, String> environment) {
		TestPhase.requireIntegration("a coordinator process");
		String jar = System.getProperty("dtm.server.jar");
		assertThat(jar).as("system property dtm.server.jar (set by failsafe)").isNotBlank();
		assertThat(Paths.get(jar)).as("packaged coordinator jar").isRegularFile();
		try {
			Path dir = Files.createDirectories(Paths.get(System.getProperty("dtm.nacos.it.dir", "target/nacos-it"))
				.resolve(name + "-" + ProcessHandle.current().pid())
				.toAbsolutePath());
			int port = freePort();
			int grpcPort = freePort();
			List<String> command = new ArrayList<>(List.of(
					Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
					"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-DJM.LOG.PATH=" + dir.resolve("nacos-client-logs"),
					"-DJM.SNAPSHOT.PATH=" + dir, "-jar", jar, "--server.port=" + port,
					"--dtm.server.grpc.port=" + grpcPort, "--dtm.server.store.h2.data-dir=" + dir.resolve("h2")));
			command.addAll(arguments);
			Path log = dir.resolve("coordinator.log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			CoordinatorProcess coordinator = new CoordinatorProcess(process, port, grpcPort, log);
			DtmHttp http = coordinator.http();
			await("coordinator " + name + " ready, log in " + log).atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> {
					assertThat(process.isAlive()).as("coordinator process alive, log in " + log).isTrue();
					try {
						return http.get("/actuator/health/readiness").status() == 200;
					}
					catch (IllegalStateException ex) {
						return false;
					}
				});
			return coordinator;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The operating-system process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * The port of the gRPC API.
	 * @return the port
	 */
	public int grpcPort() {
		return this.grpcPort;
	}

	/**
	 * The HTTP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * A client for the coordinator's HTTP API.
	 * @return the client
	 */
	public DtmHttp http() {
		return new DtmHttp(this.port);
	}

	/**
	 * The coordinator's output so far.
	 * @return the log text
	 */
	public String logText() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Where the output goes.
	 * @return the log file
	 */
	public Path log() {
		return this.log;
	}

	/**
	 * Send SIGTERM and wait for the process to exit.
	 * @param timeout how long to wait
	 * @return whether it exited within the timeout
	 */
	public boolean terminate(Duration timeout) {
		this.process.destroy();
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether the process still runs.
	 * @return {@code true} while alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
