package io.dtm.server.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import io.dtm.server.store.InstanceRecord;

/**
 * This instance's id, {@code host:http-port}, and what it tells about itself. The host is
 * the {@code HOSTNAME} environment variable (a pod's name on Kubernetes), else the local
 * host name. The ports are the configured ones until the servers report the ports they
 * bound, which the heartbeat then writes. The lease owner tokens this instance stamps on
 * the transactions it processes start with the id, so a lease can be traced to its
 * instance.
 */
public class InstanceIdentity {

	private final String host;

	private final String version;

	private volatile int httpPort;

	private volatile int grpcPort;

	/**
	 * An identity.
	 * @param host the host name
	 * @param httpPort the configured HTTP port
	 * @param version the coordinator version
	 */
	public InstanceIdentity(String host, int httpPort, String version) {
		int room = InstanceRecord.MAX_ID - 6;
		this.host = (host.length() > room) ? host.substring(0, room) : host;
		this.httpPort = httpPort;
		this.version = version;
	}

	/**
	 * The name of this host: {@code HOSTNAME}, else what the resolver says, else
	 * {@code localhost}.
	 * @return the host name
	 */
	public static String localHost() {
		String name = System.getenv("HOSTNAME");
		if (name != null && !name.isBlank()) {
			return name.trim();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	/**
	 * The id.
	 * @return {@code host:http-port}
	 */
	public String id() {
		return this.host + ":" + this.httpPort;
	}

	/**
	 * A fresh lease owner token: the id, {@value InstanceRecord#OWNER_SEPARATOR}, a
	 * random UUID.
	 * @return the token
	 */
	public String leaseOwner() {
		return id() + InstanceRecord.OWNER_SEPARATOR + UUID.randomUUID();
	}

	/**
	 * The coordinator version.
	 * @return the version
	 */
	public String version() {
		return this.version;
	}

	/**
	 * The HTTP port.
	 * @return the port
	 */
	public int httpPort() {
		return this.httpPort;
	}

	/**
	 * The gRPC port.
	 * @return the port, 0 until the gRPC server started or when there is none
	 */
	public int grpcPort() {
		return this.grpcPort;
	}

	void httpServerStarted(int port) {
		this.httpPort = port;
	}

	void grpcServerStarted(int port) {
		this.grpcPort = port;
	}

}
