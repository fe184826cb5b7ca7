package io.dtm.samples.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.dtm.server.testsupport.ExternalServices;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sample application in a JVM of its own (the test's class path), pointed at the test
 * {@link Coordinator} and a given database, so a test can kill it as a crash would:
 * {@link #kill()} is {@code SIGKILL}, nothing of the application runs after it. Its
 * output goes to {@code target/sample-processes/<name>.log}.
 */
public final class SampleProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final Path log;

	private SampleProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Start a sample and wait until it answers {@code GET /api/accounts}.
	 * @param application the sample's application class (its {@code main} is run)
	 * @param name a readable name for its log file
	 * @param db the sample's database
	 * @param port the HTTP port
	 * @param arguments extra {@code --key=value} arguments
	 * @return the running sample
	 */
	public static SampleProcess start(Class<?> application, String name, ExternalServices.Db db, int port,
			String... arguments) {
		List<String> command = new ArrayList<>(List.of(
				Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				application.getName(), "--server.port=" + port, "--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
				"--spring.datasource.hikari.maximum-pool-size=4", "--dtm.client.server-url=" + Coordinator.url(),
				"--spring.autoconfigure.exclude=" + SampleApp.SERVER_AUTO_CONFIGURATIONS));
		command.addAll(List.of(arguments));
		try {
			Path dir = Files.createDirectories(Paths.get("target", "sample-processes"));
			Path log = dir.resolve(name + ".log").toAbsolutePath();
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			SampleProcess sample = new SampleProcess(process, log);
			RestClient http = RestClient.create("http://127.0.0.1:" + port);
			await("sample " + name + " answering, log in " + log).atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> {
					assertThat(process.isAlive()).as("sample process alive, log in " + log).isTrue();
					try {
						return http.get()
							.uri("/api/accounts")
							.retrieve()
							.toBodilessEntity()
							.getStatusCode()
							.is2xxSuccessful();
					}
					catch (RuntimeException ex) {
						return false;
					}
				});
			return sample;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Kill the process ({@code SIGKILL}) and wait until it is gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("killed sample exits").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Wait for the process to exit.
	 * @param timeout how long to wait
	 * @return whether it exited in time
	 */
	public boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether the process runs.
	 * @return {@code true} while alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The process's output so far.
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

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
