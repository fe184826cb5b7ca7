package io.dtm.server.registry;

/**
 * Causes of D1003 (service registration failure) that the coordinator tells apart, each
 * with the action that fixes it. Self-contained for now; meant to fold into the shared
 * D-code catalogue.
 */
public enum RegistrationFailureCause {

	/** The registry host name does not resolve. */
	UNKNOWN_HOST("the registry host name does not resolve",
			"Fix the host in spring.cloud.nacos.discovery.server-addr, or make it resolvable from this machine"
					+ " (DNS, /etc/hosts)."),

	/** Nothing listens on the registry address. */
	CONNECTION_REFUSED("nothing listens on the registry address",
			"Start Nacos, or correct the port in spring.cloud.nacos.discovery.server-addr; `telnet <host> <port>`"
					+ " must connect."),

	/** The HTTP port answers but the gRPC port does not. */
	GRPC_PORT_UNREACHABLE("the registry HTTP port answers but its gRPC port (HTTP port + 1000) does not",
			"Open or forward the gRPC port too: Nacos 2.x and 3.x clients talk gRPC on the HTTP port + 1000."),

	/** Connecting or a request timed out. */
	TIMEOUT("the registry did not answer in time",
			"Check firewalls, security groups and routes between the coordinator and Nacos, and the Nacos server"
					+ " load; the address may not be reachable from this network."),

	/** The registry rejected the credentials. */
	AUTH_FAILED("the registry rejected the credentials",
			"Set spring.cloud.nacos.discovery.username and password (or access-key and secret-key) to a Nacos"
					+ " user that may write the namespace."),

	/** The configured namespace does not exist. */
	NAMESPACE_MISSING("the namespace does not exist in the registry",
			"Create the namespace in Nacos, or set spring.cloud.nacos.discovery.namespace to an existing namespace"
					+ " ID (the ID, not the display name)."),

	/** The connection was lost after a successful registration. */
	HEARTBEAT_LOST("the connection to the registry was lost after registration",
			"Check that Nacos runs and is reachable; the coordinator registers again by itself once it is back."),

	/** The registry answered with an error. */
	REGISTRY_ERROR("the registry answered with an error",
			"Read the Nacos server log (logs/naming-server.log) for this request; the detail is the server's message."),

	/**
	 * The instance is registered with an address that other hosts cannot reach (a
	 * warning, not a failure).
	 */
	UNREACHABLE_INSTANCE_ADDRESS("the instance is registered with a loopback address other hosts cannot reach",
			"Set spring.cloud.nacos.discovery.ip (or network-interface) to an address the participants and other"
					+ " coordinators can reach."),

	/** Anything else. */
	UNKNOWN("the failure could not be classified",
			"Read the exception in the coordinator log and the Nacos client log (under JM.LOG.PATH).");

	private final String description;

	private final String action;

	RegistrationFailureCause(String description, String action) {
		this.description = description;
		this.action = action;
	}

	/**
	 * What went wrong, in one sentence fragment.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * What the operator should do.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

}
