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

import com.google.protobuf.ByteString;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmRequest;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.GrpcParticipant;
import io.dtm.server.testsupport.ScriptedParticipant;
import io.dtm.server.testsupport.ScriptedParticipant.Call;
import io.dtm.server.testsupport.ScriptedParticipant.Reply;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
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
 * compensated; the same over gRPC (submitted through the gRPC API, branches called over
 * gRPC). Each coordinator's output goes to {@code target/crash-it/}.
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

	@Test
	void whenCoordinatorIsKilledDuringAGrpcSagaActionShouldNewCoordinatorFinishItOverGrpc() throws Exception {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("crash_grpc");
		String gid = "crash-grpc-" + UUID.randomUUID();
		try (GrpcParticipant grpc = GrpcParticipant.start()) {
			grpc.script(gid, "busi.Busi/Step2", GrpcParticipant.Reply.slow(Duration.ofSeconds(6)));
			Coordinator first = startCoordinator("first-grpc", db);
			awaitReady(first);
			ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", first.grpcPort())
				.usePlaintext()
				.build();
			try {
				// the gRPC server starts right after the HTTP one: wait for it rather
				// than fail fast
				DtmGrpc.newBlockingStub(channel)
					.withWaitForReady()
					.withDeadlineAfter(30, TimeUnit.SECONDS)
					.submit(grpcSaga(grpc, gid));
			}
			finally {
				channel.shutdownNow();
			}
			await("step 2 action reached by the first coordinator").atMost(Duration.ofSeconds(20))
				.until(() -> grpc.trace(gid).contains("busi.Busi/Step2@action"));

			first.process().destroyForcibly();
			assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("first coordinator exited").isTrue();
			assertThat(storedStatus(db, gid)).isEqualTo("submitted");

			Coordinator second = startCoordinator("second-grpc", db);
			DtmHttp secondHttp = awaitReady(second);
			await("saga finished by the second coordinator").atMost(Duration.ofSeconds(40))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> "succeed".equals(secondHttp.status(gid)));

			List<String> trace = grpc.trace(gid);
			assertThat(trace).containsOnlyOnce("busi.Busi/Step3@action")
				.filteredOn("busi.Busi/Step2@action"::equals)
				.hasSize(2);
			assertThat(trace.indexOf("busi.Busi/Step3@action"))
				.isGreaterThan(trace.lastIndexOf("busi.Busi/Step2@action"));
			assertThat(trace).noneMatch((call) -> call.endsWith("@compensate"));
			assertThat(grpc.calls(gid)).filteredOn((call) -> call.method().equals("busi.Busi/Step3"))
				.singleElement()
				.satisfies((call) -> assertThat(call.payload()).isEqualTo(new byte[] { 3, (byte) 0xff }));
		}
	}

	private static DtmRequest grpcSaga(GrpcParticipant grpc, String gid) {
		DtmRequest.Builder saga = DtmRequest.newBuilder().setGid(gid).setTransType("saga");
		StringBuilder steps = new StringBuilder("[");
		for (int step = 1; step <= 3; step++) {
			steps.append((step > 1) ? "," : "")
				.append("{\"action\":\"")
				.append(grpc.url("busi.Busi/Step" + step))
				.append("\",\"compensate\":\"")
				.append(grpc.url("busi.Busi/Step" + step + "Revert"))
				.append("\"}");
			saga.addBinPayloads(ByteString.copyFrom(new byte[] { (byte) step, (byte) 0xff }));
		}
		return saga.setSteps(steps.append(']').toString()).build();
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
		int grpcPort = freePort();
		String jar = System.getProperty("dtm.server.jar");
		assertThat(jar).as("system property dtm.server.jar (set by failsafe)").isNotBlank();
		assertThat(Paths.get(jar)).as("packaged coordinator jar").isRegularFile();
		Path dir = Files.createDirectories(Paths.get("target", "crash-it", name).toAbsolutePath());
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		List<String> command = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar,
				"--server.port=" + port, "--dtm.server.grpc.port=" + grpcPort, "--spring.datasource.url=" + db.url(),
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
		Coordinator coordinator = new Coordinator(process, port, grpcPort, log);
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
	 * @param grpcPort its gRPC port
	 * @param log its output
	 */
	private record Coordinator(Process process, int port, int grpcPort, Path log) {

	}

}
