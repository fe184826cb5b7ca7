package io.dtm.server.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.ScriptedParticipant.Call;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash recovery across coordinator processes: a coordinator running as its own JVM (the
 * packaged jar) is killed with SIGKILL while a saga's second action is in flight, and a
 * fresh coordinator process on the same MariaDB database must finish the saga through its
 * cron: the unfinished action is called again, the remaining step runs, and nothing is
 * compensated. Each coordinator's output goes to {@code target/crash-it/}.
 */
@Tag("integration")
class CoordinatorCrashIT {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private final List<Coordinator> coordinators = new ArrayList<>();

	private ScriptedParticipant participant;

	@BeforeEach
	void startParticipant() {
		this.participant = ScriptedParticipant.start();
	}

	@AfterEach
	void cleanUp() throws InterruptedException {
		for (Coordinator coordinator : this.coordinators) {
			if (coordinator.process().isAlive()) {
				coordinator.process().destroyForcibly();
				coordinator.process().waitFor(30, TimeUnit.SECONDS);
			}
		}
		this.coordinators.clear();
		if (this.participant != null) {
			this.participant.close();
		}
	}

	@Test
	void whenCoordinatorIsKilledDuringSagaActionShouldNewCoordinatorFinishSagaWithoutCompensation() throws Exception {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("crash");
		this.participant.script("/step2", Reply.slow(Duration.ofSeconds(6)));
		String gid = "crash-" + UUID.randomUUID();

		Coordinator first = startCoordinator("first", db);
		DtmHttp firstHttp = awaitReady(first);
		DtmHttp.Reply submitted = firstHttp.post("/api/dtmsvr/submit", saga(gid));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
		await("step 2 action reached by the first coordinator").atMost(Duration.ofSeconds(20))
			.until(() -> this.participant.trace(gid).contains("/step2@action"));

		first.process().destroyForcibly();
		assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("first coordinator exited").isTrue();
		assertThat(storedStatus(db, gid)).as("status left behind by the killed coordinator").isEqualTo("submitted");
		assertThat(this.participant.trace(gid)).as("calls before the crash")
			.containsExactly("/step1@action", "/step2@action");

		Coordinator second = startCoordinator("second", db);
		DtmHttp secondHttp = awaitReady(second);
		await("saga finished by the second coordinator").atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "succeed".equals(secondHttp.status(gid)));

		List<String> trace = this.participant.trace(gid);
		assertThat(trace).as("every action called at least once")
			.contains("/step1@action", "/step2@action", "/step3@action");
		assertThat(trace).as("step 3 runs only after the restart").containsOnlyOnce("/step3@action");
		assertThat(trace.indexOf("/step3@action")).isGreaterThan(trace.lastIndexOf("/step2@action"));
		assertThat(trace).as("step 2 re-run by the second coordinator").filteredOn("/step2@action"::equals).hasSize(2);
		assertThat(this.participant.calls(gid)).as("no compensation")
			.noneMatch((call) -> "compensate".equals(call.query().get("op")));
		assertThat(secondHttp.get("/api/dtmsvr/query?gid=" + gid).json().path("branches"))
			.allSatisfy((branch) -> assertThat(branch.path("status").asText())
				.isEqualTo("action".equals(branch.path("op").asText()) ? "succeed" : "prepared"));
		System.out.println("[crash] calls of " + gid + ": " + describe(this.participant.calls(gid)));
	}

	private String saga(String gid) {
		StringBuilder steps = new StringBuilder();
		StringBuilder payloads = new StringBuilder();
		for (int step = 1; step <= 3; step++) {
			String separator = (step > 1) ? "," : "";
			steps.append(separator)
				.append("{\"action\":\"")
				.append(this.participant.url("/step" + step))
				.append("\",\"compensate\":\"")
				.append(this.participant.url("/step" + step + "-compensate"))
				.append("\"}");
			payloads.append(separator).append("\"{\\\"step\\\":").append(step).append("}\"");
		}
		return "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"steps\":[" + steps + "],\"payloads\":[" + payloads
				+ "]}";
	}

	private Coordinator startCoordinator(String name, ExternalServices.Db db) throws IOException {
		int port = freePort();
		String jar = System.getProperty("dtm.server.jar");
		assertThat(jar).as("system property dtm.server.jar (set by failsafe)").isNotBlank();
		assertThat(Paths.get(jar)).as("packaged coordinator jar").isRegularFile();
		Path dir = Files.createDirectories(Paths.get("target", "crash-it", name).toAbsolutePath());
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		List<String> command = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar,
				"--server.port=" + port, "--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
				"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
				"--spring.jpa.properties.jakarta.persistence.database-product-version=10.11",
				"--dtm.server.store.h2.data-dir=" + dir.resolve("h2"), "--dtm.server.retry-interval=1s",
				"--dtm.server.cron.interval=200ms", "--dtm.server.request-timeout=10s");
		Path log = dir.resolve("coordinator.log");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Coordinator coordinator = new Coordinator(process, port, log);
		this.coordinators.add(coordinator);
		return coordinator;
	}

	private static DtmHttp awaitReady(Coordinator coordinator) {
		DtmHttp http = new DtmHttp(coordinator.port());
		await("coordinator answering /api/ping, log in " + coordinator.log()).atMost(STARTUP_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.failFast("coordinator process exited, log in " + coordinator.log(), () -> !coordinator.process().isAlive())
			.ignoreExceptions()
			.until(() -> http.get("/api/ping").status() == 200);
		return http;
	}

	private static String storedStatus(ExternalServices.Db db, String gid) throws SQLException {
		try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
				PreparedStatement statement = connection
					.prepareStatement("select status from trans_global where gid = ?")) {
			statement.setString(1, gid);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static String describe(List<Call> calls) {
		StringBuilder sb = new StringBuilder();
		for (Call call : calls) {
			sb.append(call.path())
				.append('@')
				.append(call.query().get("op"))
				.append(' ')
				.append(call.body())
				.append("; ");
		}
		return sb.toString();
	}

	/**
	 * A coordinator process.
	 *
	 * @param process the JVM
	 * @param port its HTTP port
	 * @param log its output
	 */
	private record Coordinator(Process process, int port, Path log) {

	}

}
