package io.dtm.server.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The programmatic {@code telnet host port}: opens a TCP connection to each registry
 * address and to its gRPC port, so that a failure can be classified as an unknown host, a
 * refused connection, a timeout or a closed gRPC port.
 */
public class RegistryProbe {

	/** Nacos' default HTTP port when {@code server-addr} names none. */
	static final int DEFAULT_PORT = 8848;

	/** Offset of the client gRPC port from the HTTP port in Nacos 2.x and 3.x. */
	static final int GRPC_PORT_OFFSET = 1000;

	private final Duration timeout;

	public RegistryProbe(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Probe every address of a Nacos {@code server-addr} value.
	 * @param serverAddr comma-separated {@code host[:port]} entries, optionally with a
	 * scheme
	 * @return one result per HTTP port and one per gRPC port
	 */
	public List<Result> probe(String serverAddr) {
		List<Result> results = new ArrayList<>();
		for (Address address : parse(serverAddr)) {
			results.add(connect(address.host(), address.port(), false));
			results.add(connect(address.host(), address.port() + GRPC_PORT_OFFSET, true));
		}
		return results;
	}

	/**
	 * Split a {@code server-addr} value into addresses.
	 * @param serverAddr the value
	 * @return the addresses, empty when the value is blank
	 */
	static List<Address> parse(String serverAddr) {
		List<Address> addresses = new ArrayList<>();
		if (serverAddr == null) {
			return addresses;
		}
		for (String entry : serverAddr.split(",")) {
			String value = entry.trim();
			int scheme = value.indexOf("://");
			if (scheme >= 0) {
				value = value.substring(scheme + 3);
			}
			int slash = value.indexOf('/');
			if (slash >= 0) {
				value = value.substring(0, slash);
			}
			if (value.isEmpty()) {
				continue;
			}
			int colon = value.lastIndexOf(':');
			if (colon > 0 && value.indexOf(':') == colon) {
				addresses.add(new Address(value.substring(0, colon), parsePort(value.substring(colon + 1))));
			}
			else {
				addresses.add(new Address(value, DEFAULT_PORT));
			}
		}
		return addresses;
	}

	private static int parsePort(String text) {
		try {
			return Integer.parseInt(text.trim());
		}
		catch (NumberFormatException ex) {
			return DEFAULT_PORT;
		}
	}

	private Result connect(String host, int port, boolean grpc) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), (int) this.timeout.toMillis());
			return new Result(host, port, grpc, Outcome.OPEN, "connected");
		}
		catch (UnknownHostException ex) {
			return new Result(host, port, grpc, Outcome.UNKNOWN_HOST, "unknown host");
		}
		catch (ConnectException ex) {
			return new Result(host, port, grpc, Outcome.REFUSED, "connection refused");
		}
		catch (SocketTimeoutException ex) {
			return new Result(host, port, grpc, Outcome.TIMEOUT, "no answer within " + this.timeout.toMillis() + " ms");
		}
		catch (IOException | IllegalArgumentException ex) {
			return new Result(host, port, grpc, Outcome.ERROR, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	/**
	 * One registry address.
	 *
	 * @param host host name or IP
	 * @param port HTTP port
	 */
	record Address(String host, int port) {

	}

	/**
	 * What a TCP connection attempt found.
	 */
	public enum Outcome {

		/** The port accepted the connection. */
		OPEN,

		/** Nothing listens on the port. */
		REFUSED,

		/** No answer within the timeout. */
		TIMEOUT,

		/** The host name does not resolve. */
		UNKNOWN_HOST,

		/** Any other I/O error. */
		ERROR

	}

	/**
	 * The result of probing one port.
	 *
	 * @param host host
	 * @param port port
	 * @param grpc whether this is the gRPC port
	 * @param outcome what happened
	 * @param message a short description
	 */
	public record Result(String host, int port, boolean grpc, Outcome outcome, String message) {

		@Override
		public String toString() {
			return (this.grpc ? "gRPC " : "") + this.host + ":" + this.port + " " + this.message;
		}

	}

}
