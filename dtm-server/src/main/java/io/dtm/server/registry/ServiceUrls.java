package io.dtm.server.registry;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Helpers for URLs of the form {@code scheme://service/path?query}.
 */
final class ServiceUrls {

	/**
	 * Instance metadata naming the port of a participant's gRPC server, as gRPC starters
	 * for Spring Cloud register it next to the HTTP port.
	 */
	static final String GRPC_PORT_METADATA = "gRPC_port";

	private ServiceUrls() {
	}

	/**
	 * The port to call an instance on: its gRPC port (metadata {@code gRPC_port}) for a
	 * gRPC call when it has a valid one, else its registered port.
	 * @param grpc whether the call goes over gRPC
	 * @param metadata the instance's metadata, may be {@code null}
	 * @param port the instance's registered port
	 * @return the port
	 */
	static int port(boolean grpc, Map<String, String> metadata, int port) {
		String grpcPort = (grpc && metadata != null) ? metadata.get(GRPC_PORT_METADATA) : null;
		if (grpcPort == null || grpcPort.isBlank()) {
			return port;
		}
		try {
			int value = Integer.parseInt(grpcPort.trim());
			return (value > 0 && value <= 65535) ? value : port;
		}
		catch (NumberFormatException ex) {
			return port;
		}
	}

	/**
	 * The service named by the URL's authority. Works for names that are not valid host
	 * names (such as {@code order_svc}), for which {@link URI#getHost()} is {@code null}.
	 * @param url the URL
	 * @return the service name, or {@code null} when there is none
	 */
	static String serviceName(URI url) {
		if (url.getHost() != null) {
			return url.getHost();
		}
		String authority = url.getRawAuthority();
		if (authority == null || authority.isEmpty() || authority.contains("@") || authority.contains(":")) {
			return null;
		}
		return URLDecoder.decode(authority, StandardCharsets.UTF_8);
	}

	/**
	 * The first value of one of the query parameters.
	 * @param url the URL
	 * @param names parameter names, in order of preference
	 * @return the value, or {@code null} when none is present or it is empty
	 */
	static String queryParameter(URI url, String... names) {
		String query = url.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String name : names) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				String key = URLDecoder.decode((eq >= 0) ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
				if (key.equals(name) && eq >= 0 && eq < pair.length() - 1) {
					return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				}
			}
		}
		return null;
	}

	/**
	 * The address to call: the instance's scheme, host and port with the original path,
	 * query (minus the parameters meant for the coordinator) and fragment.
	 * @param secure whether to use https
	 * @param host instance host or IP
	 * @param port instance port
	 * @param original the service URL
	 * @param consumed query parameters to drop
	 * @return the URI
	 */
	static URI target(boolean secure, String host, int port, URI original, Set<String> consumed) {
		StringBuilder sb = new StringBuilder(secure ? "https://" : "http://");
		sb.append((host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host);
		sb.append(':').append(port);
		String path = original.getRawPath();
		sb.append((path == null || path.isEmpty()) ? "/" : path);
		String query = original.getRawQuery();
		if (query != null) {
			StringJoiner kept = new StringJoiner("&");
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				String key = URLDecoder.decode((eq >= 0) ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
				if (!pair.isEmpty() && !consumed.contains(key)) {
					kept.add(pair);
				}
			}
			if (kept.length() > 0) {
				sb.append('?').append(kept);
			}
		}
		if (original.getRawFragment() != null) {
			sb.append('#').append(original.getRawFragment());
		}
		return URI.create(sb.toString());
	}

}
