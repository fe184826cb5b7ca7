package io.dtm.server.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.dtm.core.diagnostics.DiagnosticCause;

/**
 * What the coordinator registers and where: service, group and namespace from Spring
 * Cloud Alibaba's discovery settings, the instance (address, port, weight, metadata) and
 * the registry address, probed to classify a failure.
 */
public class RegistrationTarget {

	private final NacosDiscoveryProperties discovery;

	private final Map<String, String> metadata;

	private final Function<String, List<RegistryProbe.Result>> probe;

	/**
	 * The instance metadata key that advertises the gRPC API's port, as Spring Cloud gRPC
	 * integrations read it.
	 */
	public static final String GRPC_PORT_METADATA = "gRPC_port";

	private volatile int webPort = -1;

	private volatile boolean grpcExpected;

	private volatile int grpcPort = -1;

	/**
	 * Create a target.
	 * @param discovery Spring Cloud Alibaba's discovery settings (server, service, group,
	 * namespace, ip, port, weight, metadata)
	 * @param metadata metadata added to the instance (version, store type)
	 * @param probe probes a {@code server-addr} value (see {@link RegistryProbe#probe})
	 */
	public RegistrationTarget(NacosDiscoveryProperties discovery, Map<String, String> metadata,
			Function<String, List<RegistryProbe.Result>> probe) {
		this.discovery = discovery;
		this.metadata = Map.copyOf(metadata);
		this.probe = probe;
	}

	/**
	 * Use the port the web server listens on, unless discovery configures one.
	 * @param port the HTTP port
	 */
	public void webServerStarted(int port) {
		this.webPort = port;
	}

	/**
	 * The gRPC API is enabled: register only once its port is known, and advertise it in
	 * the {@value #GRPC_PORT_METADATA} metadata.
	 */
	public void expectGrpcServer() {
		this.grpcExpected = true;
	}

	/**
	 * The port the gRPC API listens on.
	 * @param port the gRPC port
	 */
	public void grpcServerStarted(int port) {
		this.grpcPort = port;
	}

	/**
	 * Whether every port to register is known.
	 * @return {@code true} once the HTTP port and, when expected, the gRPC port are known
	 */
	public boolean ready() {
		return port() > 0 && (!this.grpcExpected || this.grpcPort > 0);
	}

	/**
	 * The port to register: {@code spring.cloud.nacos.discovery.port} when set, else the
	 * web server's.
	 * @return the port, or {@code -1} before the web server started
	 */
	public int port() {
		int configured = this.discovery.getPort();
		return (configured > 0) ? configured : this.webPort;
	}

	public String service() {
		return this.discovery.getService();
	}

	public String group() {
		return this.discovery.getGroup();
	}

	public String serverAddr() {
		return this.discovery.getServerAddr();
	}

	/**
	 * A new instance to register.
	 * @return the instance
	 */
	public Instance newInstance() {
		Instance next = new Instance();
		next.setIp(this.discovery.getIp());
		next.setPort(port());
		next.setWeight(this.discovery.getWeight());
		next.setClusterName(this.discovery.getClusterName());
		next.setEnabled(this.discovery.isInstanceEnabled());
		next.setEphemeral(this.discovery.isEphemeral());
		Map<String, String> all = new LinkedHashMap<>(this.discovery.getMetadata());
		all.putAll(this.metadata);
		if (this.grpcPort > 0) {
			all.put(GRPC_PORT_METADATA, String.valueOf(this.grpcPort));
		}
		next.setMetadata(all);
		return next;
	}

	/**
	 * Service name, group, namespace, registry address and instance address, for reports.
	 * @return the description
	 */
	public Map<String, Object> describe() {
		Map<String, Object> target = new LinkedHashMap<>();
		target.put("service", this.discovery.getService());
		target.put("group", this.discovery.getGroup());
		String namespace = this.discovery.getNamespace();
		target.put("namespace", (namespace == null || namespace.isBlank()) ? "public" : namespace);
		target.put("serverAddr", this.discovery.getServerAddr());
		target.put("instance", this.discovery.getIp() + ":" + port());
		return target;
	}

	/**
	 * Probe the registry addresses (none when an address server {@code endpoint} is
	 * configured instead).
	 * @return the results, may be empty
	 */
	public List<RegistryProbe.Result> probe() {
		String endpoint = this.discovery.getEndpoint();
		if (endpoint != null && !endpoint.isBlank()) {
			return List.of();
		}
		return this.probe.apply(this.discovery.getServerAddr());
	}

	/**
	 * A warning when a loopback address is registered while the registry is on another
	 * host: participants and other coordinators could not reach it.
	 * @return the warning, or {@code null}
	 */
	public RegistrationFailure addressWarning() {
		String ip = this.discovery.getIp();
		if (!isLoopback(ip)) {
			return null;
		}
		boolean remoteRegistry = RegistryProbe.parse(this.discovery.getServerAddr())
			.stream()
			.anyMatch((address) -> !isLoopback(address.host()));
		return remoteRegistry ? new RegistrationFailure(DiagnosticCause.REGISTRY_UNREACHABLE_ADDRESS,
				"registered " + ip + " while Nacos is at " + this.discovery.getServerAddr()) : null;
	}

	private static boolean isLoopback(String host) {
		if (host == null || host.isBlank()) {
			return false;
		}
		if ("localhost".equalsIgnoreCase(host) || host.startsWith("127.") || "::1".equals(host)) {
			return true;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException | SecurityException ex) {
			return false;
		}
	}

}
