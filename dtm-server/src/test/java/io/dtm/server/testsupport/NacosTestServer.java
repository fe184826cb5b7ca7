package io.dtm.server.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A real Nacos server for integration tests, found in this order:
 * <ol>
 * <li>{@code DTM_TEST_NACOS_ADDR} ({@code host:port}): an externally provided server, for
 * {@link #shared()} only (it cannot be stopped or killed by the tests);</li>
 * <li>Testcontainers with {@code nacos/nacos-server} when a Docker engine answers;</li>
 * <li>a separate JVM running the Nacos 3.1.0 server jars that the build resolves from
 * Maven Central into {@code target/nacos-server/lib} (maven-invoker-plugin, see
 * {@code src/it-nacos-server/pom.xml}), started through {@link NacosServerLauncher},
 * bound to 127.0.0.1 on free ports, with its home, data, logs and temporary files under
 * {@code target/nacos-it/}.</li>
 * </ol>
 * A missing server fails the test loudly; nothing is skipped. Nacos clients derive the
 * gRPC port as HTTP port + 1000, so both are kept at that distance everywhere.
 */
public final class NacosTestServer implements AutoCloseable {

	/** Image used where Docker exists. */
	public static final String IMAGE = "nacos/nacos-server:v3.1.0";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static NacosTestServer shared;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Backend backend;

	private final String host;

	private final int port;

	private final List<NamingService> clients = new ArrayList<>();

	private NacosTestServer(Backend backend, String host, int port) {
		this.backend = backend;
		this.host = host;
		this.port = port;
	}

	/**
	 * The server shared by the test classes of this JVM, started on first use and stopped
	 * when the JVM exits.
	 * @return the running server
	 */
	public static synchronized NacosTestServer shared() {
		TestPhase.requireIntegration("a Nacos server");
		if (shared == null) {
			String addr = System.getenv("DTM_TEST_NACOS_ADDR");
			if (addr != null && !addr.isBlank()) {
				int colon = addr.lastIndexOf(':');
				shared = new NacosTestServer(new External(), addr.substring(0, colon),
						Integer.parseInt(addr.substring(colon + 1).trim()));
			}
			else {
				shared = managed("shared");
				shared.start();
				NacosTestServer server = shared;
				Runtime.getRuntime().addShutdownHook(new Thread(server::close, "nacos-test-server-stop"));
			}
		}
		return shared;
	}

	/**
	 * A server the test controls (start, stop, kill, restart on the same ports): a
	 * container where Docker exists, else a local JVM. Not started yet.
	 * @param name readable name for its directory and logs
	 * @return the server
	 */
	public static NacosTestServer managed(String name) {
		TestPhase.requireIntegration("a Nacos server");
		int port = freePortPair();
		Backend backend = dockerAvailable() ? new Container(port) : new LocalJvm(name, port);
		return new NacosTestServer(backend, "127.0.0.1", port);
	}

	/**
	 * The address for {@code spring.cloud.nacos.discovery.server-addr}.
	 * @return {@code host:port}
	 */
	public String serverAddr() {
		return this.host + ":" + this.port;
	}

	/**
	 * Where the server comes from: {@code env}, {@code testcontainers} or {@code jvm}.
	 * @return the source
	 */
	public String source() {
		return this.backend.source();
	}

	/**
	 * Start the server and wait until it answers.
	 */
	public void start() {
		long started = System.nanoTime();
		this.backend.start();
		long deadline = started + START_TIMEOUT.toNanos();
		while (!isReady()) {
			if (System.nanoTime() > deadline || !this.backend.alive()) {
				String log = this.backend.describe();
				this.backend.kill();
				throw new IllegalStateException("Nacos did not become ready on " + serverAddr() + " within "
						+ START_TIMEOUT.toSeconds() + " s; " + log);
			}
			sleep(250);
		}
		System.out.printf("[nacos] %s ready on %s after %d ms%n", source(), serverAddr(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/**
	 * Stop the server gracefully (SIGTERM).
	 */
	public void stop() {
		this.backend.stop();
	}

	/**
	 * Kill the server (SIGKILL): no goodbye to its clients.
	 */
	public void kill() {
		this.backend.kill();
	}

	/**
	 * Whether the server answers its readiness URL.
	 * @return {@code true} when ready
	 */
	public boolean isReady() {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(url("/nacos/v1/ns/operator/metrics")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * The instances of a service as Nacos' own HTTP API lists them
	 * ({@code /nacos/v1/ns/instance/list}).
	 * @param service service name
	 * @param group group name
	 * @return the {@code hosts} array, empty when the server does not answer
	 */
	public List<JsonNode> instances(String service, String group) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(url(
						"/nacos/v1/ns/instance/list?serviceName=" + encode(service) + "&groupName=" + encode(group)))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return List.of();
			}
			List<JsonNode> hosts = new ArrayList<>();
			JSON.readTree(response.body()).path("hosts").forEach(hosts::add);
			return hosts;
		}
		catch (IOException ex) {
			return List.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
	}

	/**
	 * The instance of a service on a port, as listed by Nacos.
	 * @param service service name
	 * @param port instance port
	 * @return the instance, if listed
	 */
	public Optional<JsonNode> instance(String service, int port) {
		return instances(service, "DEFAULT_GROUP").stream()
			.filter((instance) -> instance.path("port").asInt() == port)
			.findFirst();
	}

	/**
	 * Whether the instance of a service on a port is listed with {@code healthy:true}.
	 * @param service service name
	 * @param port instance port
	 * @return {@code true} when listed and healthy
	 */
	public boolean isHealthy(String service, int port) {
		return instance(service, port).map((instance) -> instance.path("healthy").asBoolean()).orElse(false);
	}

	/**
	 * Register an instance with a real Nacos client (gRPC, ephemeral), as a participant
	 * application would. The client is shut down by {@link #close()}.
	 * @param service service name
	 * @param group group name
	 * @param ip instance IP
	 * @param port instance port
	 */
	public void registerInstance(String service, String group, String ip, int port) {
		registerInstance(service, group, ip, port, Map.of());
	}

	/**
	 * Register an instance with metadata (such as {@code gRPC_port}) through a Nacos
	 * client of its own.
	 * @param service the service name
	 * @param group the group
	 * @param ip the instance address
	 * @param port the instance port
	 * @param metadata the instance metadata
	 */
	public void registerInstance(String service, String group, String ip, int port, Map<String, String> metadata) {
		try {
			Properties properties = new Properties();
			properties.setProperty("serverAddr", serverAddr());
			NamingService naming = NacosFactory.createNamingService(properties);
			this.clients.add(naming);
			Instance instance = new Instance();
			instance.setIp(ip);
			instance.setPort(port);
			instance.setMetadata(metadata);
			naming.registerInstance(service, group, instance);
		}
		catch (NacosException ex) {
			throw new IllegalStateException("cannot register " + service + " in Nacos " + serverAddr(), ex);
		}
	}

	@Override
	public void close() {
		for (NamingService client : this.clients) {
			try {
				client.shutDown();
			}
			catch (NacosException | RuntimeException ex) {
				// best effort
			}
		}
		this.clients.clear();
		this.backend.stop();
	}

	private URI url(String pathAndQuery) {
		return URI.create("http://" + this.host + ":" + this.port + pathAndQuery);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A port P such that P, P+1000 and P+1001 (gRPC) are free on 127.0.0.1 and P-1000
	 * (JRaft, which always binds all interfaces) is free on every interface.
	 */
	private static int freePortPair() {
		for (int i = 0; i < 200; i++) {
			int port = ThreadLocalRandom.current().nextInt(21000, 29000);
			if (free("127.0.0.1", port) && free("127.0.0.1", port + 1000) && free("127.0.0.1", port + 1001)
					&& free("0.0.0.0", port - 1000)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port set for Nacos found");
	}

	private static boolean free(String host, int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(host, port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean dockerAvailable() {
		Path home = Paths.get(System.getProperty("user.home"));
		boolean configured = System.getenv("DOCKER_HOST") != null
				|| Files.exists(home.resolve(".testcontainers.properties"))
				|| Files.exists(Paths.get("/var/run/docker.sock"))
				|| Files.exists(home.resolve(".docker/run/docker.sock"));
		if (!configured) {
			// no engine in sight: skip Testcontainers' probe (slow, and it creates
			// ~/.cache entries)
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private interface Backend {

		String source();

		void start();

		boolean alive();

		void stop();

		void kill();

		String describe();

	}

	/**
	 * A server someone else runs.
	 */
	private static final class External implements Backend {

		@Override
		public String source() {
			return "env";
		}

		@Override
		public void start() {
		}

		@Override
		public boolean alive() {
			return true;
		}

		@Override
		public void stop() {
		}

		@Override
		public void kill() {
			throw new UnsupportedOperationException("DTM_TEST_NACOS_ADDR names a server the tests cannot kill");
		}

		@Override
		public String describe() {
			return "external server from DTM_TEST_NACOS_ADDR";
		}

	}

	/**
	 * The official image; host ports P and P+1000 map to 8848 and 9848.
	 */
	private static final class Container implements Backend {

		private final int port;

		private GenericContainer<?> container;

		Container(int port) {
			this.port = port;
		}

		@Override
		public String source() {
			return "testcontainers";
		}

		@Override
		@SuppressWarnings({ "deprecation", "resource" })
		public void start() {
			this.container = new FixedHostPortGenericContainer<>(IMAGE).withFixedExposedPort(this.port, 8848)
				.withFixedExposedPort(this.port + 1000, 9848)
				.withEnv("MODE", "standalone")
				.withEnv("NACOS_AUTH_ENABLE", "false")
				.withEnv("NACOS_AUTH_TOKEN", "ZHRtLWphdmEtbmFjb3MtdGVzdC1zZXJ2ZXItdG9rZW4tMzItYnl0ZXM=")
				.withEnv("NACOS_AUTH_IDENTITY_KEY", "dtm")
				.withEnv("NACOS_AUTH_IDENTITY_VALUE", "dtm")
				.withEnv("JVM_XMS", "256m")
				.withEnv("JVM_XMX", "512m")
				.waitingFor(
						Wait.forHttp("/nacos/v1/ns/operator/metrics").forPort(8848).withStartupTimeout(START_TIMEOUT));
			this.container.start();
		}

		@Override
		public boolean alive() {
			return this.container != null && this.container.isRunning();
		}

		@Override
		public void stop() {
			if (this.container != null) {
				this.container.stop();
				this.container = null;
			}
		}

		@Override
		public void kill() {
			if (this.container != null) {
				this.container.getDockerClient().killContainerCmd(this.container.getContainerId()).exec();
				stop();
			}
		}

		@Override
		public String describe() {
			return (this.container != null) ? "container log:\n" + this.container.getLogs() : "no container";
		}

	}

	/**
	 * Nacos 3.1.0 from Maven Central in its own JVM.
	 */
	private static final class LocalJvm implements Backend {

		private final int port;

		private final Path home;

		private final Path lib;

		private Process process;

		LocalJvm(String name, int port) {
			this.port = port;
			Path base = Paths.get(System.getProperty("dtm.nacos.it.dir", "target/nacos-it")).toAbsolutePath();
			this.home = base.resolve("nacos-" + name + "-" + ProcessHandle.current().pid());
			this.lib = Paths.get(System.getProperty("dtm.nacos.server.lib", "target/nacos-server/lib"))
				.toAbsolutePath();
		}

		@Override
		public String source() {
			return "jvm";
		}

		@Override
		public void start() {
			if (!Files.isDirectory(this.lib)
					|| !Files.isRegularFile(this.lib.resolve("nacos-server-3.1.0-bugfix.jar"))) {
				throw new IllegalStateException("Nacos server jars missing in " + this.lib + ": run the build through"
						+ " the integration-test phase (./mvnw verify resolves them with the maven-invoker-plugin),"
						+ " or set DTM_TEST_NACOS_ADDR, or provide Docker for Testcontainers");
			}
			try {
				Path tmp = Files.createDirectories(this.home.resolve("tmp"));
				Path logs = Files.createDirectories(this.home.resolve("logs"));
				Path launcher = writeLauncher();
				writeConfiguration(launcher);
				String javaCommand = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
				List<String> command = List.of(javaCommand, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
						"-XX:TieredStopAtLevel=1", "-Xss512k", "-Dnacos.standalone=true", "-Dnacos.home=" + this.home,
						"-Dnacos.logs.path=" + logs, "-Dnacos.remote.grpc.listen.ip=127.0.0.1",
						"-Djava.io.tmpdir=" + tmp, "-Djna.tmpdir=" + tmp, "-Duser.home=" + this.home, "-cp",
						launcher + File.pathSeparator + this.lib + File.separator + "*" + File.pathSeparator
								+ this.lib.resolveSibling("lib-last") + File.separator + "*",
						NacosServerLauncher.class.getName(), "--nacos.server.main.port=" + this.port);
				this.process = new ProcessBuilder(command).directory(this.home.toFile())
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("stdout.log").toFile()))
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot start Nacos in " + this.home, ex);
			}
		}

		/**
		 * Nacos 3 reads {@code application.properties} from the class path root unless
		 * {@code spring.config.additional-location} names a directory.
		 */
		private void writeConfiguration(Path classpathRoot) throws IOException {
			Files.writeString(classpathRoot.resolve("application.properties"),
					String.join("\n", "nacos.server.main.port=" + this.port, "nacos.server.contextPath=/nacos",
							"server.address=127.0.0.1", "nacos.inetutils.ip-address=127.0.0.1",
							"server.tomcat.accesslog.enabled=false", "server.error.include-message=ALWAYS",
							"management.elastic.metrics.export.enabled=false",
							"management.influx.metrics.export.enabled=false", "nacos.core.auth.system.type=nacos",
							"nacos.core.auth.enabled=false", "nacos.core.auth.admin.enabled=false",
							"nacos.core.auth.console.enabled=false", "nacos.istio.mcp.server.enabled=false",
							"nacos.k8s.sync.enabled=false", ""));
		}

		private Path writeLauncher() throws IOException {
			String resource = NacosServerLauncher.class.getName().replace('.', '/') + ".class";
			Path classes = this.home.resolve("launcher");
			Path target = classes.resolve(resource);
			Files.createDirectories(target.getParent());
			try (InputStream in = NacosServerLauncher.class.getClassLoader().getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("launcher class not found: " + resource);
				}
				Files.write(target, in.readAllBytes());
			}
			return classes;
		}

		@Override
		public boolean alive() {
			return this.process != null && this.process.isAlive();
		}

		@Override
		public void stop() {
			end(false);
		}

		@Override
		public void kill() {
			end(true);
		}

		private void end(boolean forcibly) {
			if (this.process == null) {
				return;
			}
			try {
				if (forcibly) {
					this.process.destroyForcibly();
				}
				else {
					this.process.destroy();
				}
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
					this.process.waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
			this.process = null;
		}

		@Override
		public String describe() {
			Path log = this.home.resolve("logs").resolve("stdout.log");
			try {
				List<String> lines = Files.readAllLines(log);
				return "output (" + log + "), last lines:\n"
						+ String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
			}
			catch (IOException ex) {
				return "no output in " + log;
			}
		}

	}

}
