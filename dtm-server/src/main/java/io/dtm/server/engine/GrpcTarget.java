package io.dtm.server.engine;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A branch URL called over gRPC, parsed: where to call and which method. Two forms are
 * accepted.
 * <ul>
 * <li>{@code host:port/package.Service/Method}, dtm's default form: the part before the
 * first {@code /} is the server, the rest the full method name. The port is required (the
 * Go and Java gRPC clients would pick different default ports).</li>
 * <li>{@code scheme://service/package.Service/Method} with a service scheme such as
 * {@code nacos} or {@code lb}: the service is resolved through the {@link UrlResolver}
 * before each call; a query (such as {@code ?group=G} for Nacos) is for the
 * resolver.</li>
 * </ul>
 * Which URLs are called over gRPC at all is dtm's rule, {@link #isGrpc(String, String)}.
 *
 * @param authority {@code host:port} of the direct form, {@code null} for a service URL
 * @param serviceUrl the URL of the service form, {@code null} for the direct form
 * @param fullMethodName the method as gRPC names it, {@code package.Service/Method}
 */
public record GrpcTarget(String authority, URI serviceUrl, String fullMethodName) {

	/**
	 * The transaction protocol whose branches dtm calls over gRPC (dtm's
	 * {@code ProtocolGRPC}).
	 */
	public static final String PROTOCOL = "grpc";

	/**
	 * Whether a branch URL is called over gRPC: as dtm, when the URL is not empty, the
	 * transaction's protocol is not {@code http} (an empty or missing protocol means
	 * {@code http}) and the URL starts with neither {@code http://} nor {@code https://}.
	 * One deliberate difference: a {@code json-rpc} transaction's service URL
	 * ({@code nacos://}, {@code lb://}) that names a {@code method} is called over
	 * JSON-RPC after resolution ({@link JsonRpcBranchProtocol#appliesTo}), where dtm
	 * would try gRPC and fail.
	 * @param url the branch URL as stored
	 * @param protocol the transaction's protocol
	 * @return {@code true} when the call goes over gRPC
	 */
	public static boolean isGrpc(String url, String protocol) {
		if (url == null || url.isEmpty() || protocol == null || protocol.isEmpty() || "http".equals(protocol)) {
			return false;
		}
		if (url.contains("://") && JsonRpcBranchProtocol.appliesTo(url, protocol)) {
			return false;
		}
		return !url.startsWith("http://") && !url.startsWith("https://");
	}

	/**
	 * Parse a gRPC branch URL.
	 * @param url the URL
	 * @return the target
	 * @throws IllegalArgumentException when the URL is not one of the two forms; the
	 * message names the URL and says what is wrong
	 */
	public static GrpcTarget parse(String url) {
		if (url == null || url.isEmpty()) {
			throw new IllegalArgumentException("gRPC URL is empty");
		}
		return url.contains("://") ? service(url) : direct(url);
	}

	/**
	 * Whether the target names a service to resolve first.
	 * @return {@code true} for the {@code scheme://service/...} form
	 */
	public boolean isService() {
		return this.serviceUrl != null;
	}

	private static GrpcTarget direct(String url) {
		int slash = url.indexOf('/');
		if (slash < 0) {
			throw malformed(url, "no '/' between host:port and the method");
		}
		String authority = url.substring(0, slash);
		checkAuthority(url, authority);
		return new GrpcTarget(authority, null, method(url, url.substring(slash + 1)));
	}

	private static GrpcTarget service(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw malformed(url, ex.getReason());
		}
		String authority = uri.getRawAuthority();
		if (authority == null || authority.isEmpty() || authority.contains("@") || authority.contains(":")) {
			throw malformed(url, "expected scheme://service/package.Service/Method");
		}
		String path = uri.getRawPath();
		if (path == null || path.length() < 2) {
			throw malformed(url, "no method after the service");
		}
		if (uri.getRawFragment() != null) {
			throw malformed(url, "a fragment is not allowed");
		}
		return new GrpcTarget(null, uri, method(url, path.substring(1)));
	}

	private static void checkAuthority(String url, String authority) {
		int colon = authority.lastIndexOf(':');
		if (colon <= 0 || (authority.startsWith("[") && authority.indexOf(']') > colon)) {
			throw malformed(url, "expected host:port before the first '/'");
		}
		String host = authority.substring(0, colon);
		if (host.chars().anyMatch((c) -> c <= ' ' || c >= 127 || "@?#/\\".indexOf(c) >= 0)
				|| (host.startsWith("[") != host.endsWith("]")) || (host.contains(":") && !host.startsWith("["))) {
			throw malformed(url, "'" + host + "' is not a host name or address");
		}
		String port = authority.substring(colon + 1);
		if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)
				|| Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
			throw malformed(url, "'" + port + "' is not a port between 1 and 65535");
		}
	}

	private static String method(String url, String method) {
		int slash = method.indexOf('/');
		boolean valid = slash > 0 && slash < method.length() - 1 && method.indexOf('/', slash + 1) < 0
				&& method.chars().noneMatch((c) -> c <= ' ' || c >= 127 || c == '?' || c == '#');
		if (!valid) {
			throw malformed(url, "'" + method + "' is not a method name of the form package.Service/Method");
		}
		return method;
	}

	private static IllegalArgumentException malformed(String url, String problem) {
		return new IllegalArgumentException("gRPC URL '" + url + "' is malformed: " + problem
				+ " (expected host:port/package.Service/Method or scheme://service/package.Service/Method)");
	}

}
