package io.dtm.server.engine;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Decides which addresses the coordinator may call as branches, so that a client of the
 * API cannot make it call cloud metadata services or internal admin endpoints
 * (server-side request forgery). Every URL is checked twice: when the API receives it,
 * before anything is written ({@link #refusal(String, String)}), and right before each
 * call, on the address it resolved to
 * ({@link #refusalOfCall(String, int, String, boolean)}), which catches DNS answers that
 * changed and addresses found through service discovery.
 * <p>
 * A URL is refused when it matches a {@code deny} rule; else accepted when an
 * {@code allow} rule names it explicitly (a host, address, block or service); else
 * refused when it is a link-local or cloud metadata address or this coordinator's own
 * management endpoint (the always-denied set); else accepted when {@code allow} holds
 * {@code *} (or, at call time, when a service rule accepted the URL it was resolved
 * from); else refused. A name matches address rules through every address it resolves to:
 * a deny rule when any of them matches, an allow rule only when all of them do. At the
 * API a name is resolved only when an address rule has to decide, so the development
 * default ({@code *}) adds no DNS lookup to a submit.
 */
public final class BranchUrlGuard {

	/** The key of the allow rules. */
	public static final String ALLOW = "dtm.server.security.branch-urls.allow";

	/** The key of the deny rules. */
	public static final String DENY = "dtm.server.security.branch-urls.deny";

	/**
	 * Link-local and cloud metadata addresses and names, denied unless allowed by name.
	 */
	static final List<String> ALWAYS_DENIED = List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254", "100.100.100.200",
			"metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

	private static final List<BranchUrlRule> ALWAYS_DENIED_RULES = ALWAYS_DENIED.stream()
		.map(BranchUrlRule::parse)
		.toList();

	private final List<BranchUrlRule> allow;

	private final List<BranchUrlRule> deny;

	private final boolean allowAny;

	private final OwnEndpoints own;

	private final Resolver resolver;

	/**
	 * A guard.
	 * @param allow the allow patterns
	 * @param deny the deny patterns
	 * @param own this coordinator's endpoints
	 * @param resolver how names become addresses
	 * @throws IllegalArgumentException naming the first pattern that cannot be read
	 */
	public BranchUrlGuard(List<String> allow, List<String> deny, OwnEndpoints own, Resolver resolver) {
		this.allow = rules(allow, ALLOW);
		this.deny = rules(deny, DENY);
		if (this.deny.stream().anyMatch(BranchUrlRule::isAny)) {
			throw new IllegalArgumentException(DENY + " cannot hold '*'; leave " + ALLOW + " empty instead");
		}
		this.allowAny = this.allow.stream().anyMatch(BranchUrlRule::isAny);
		this.own = own;
		this.resolver = resolver;
	}

	/**
	 * The guard of a coordinator that allows every address except the always-denied set
	 * (the development default), for tests and tools.
	 * @return the guard
	 */
	public static BranchUrlGuard permissive() {
		return new BranchUrlGuard(List.of("*"), List.of(), OwnEndpoints.NONE, Resolver.DNS);
	}

	private static List<BranchUrlRule> rules(List<String> patterns, String key) {
		List<BranchUrlRule> rules = new ArrayList<>();
		for (String pattern : (patterns != null) ? patterns : List.<String>of()) {
			try {
				rules.add(BranchUrlRule.parse(pattern));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
			}
		}
		return List.copyOf(rules);
	}

	/**
	 * Whether a host is an IP address literal, so no name has to be resolved.
	 * @param host the host, IPv6 without brackets
	 * @return whether it is
	 */
	public static boolean isIpLiteral(String host) {
		return BranchUrlRule.isIpLiteral(host);
	}

	/**
	 * Whether every address is allowed but the always-denied set.
	 * @return whether {@code allow} holds {@code *} and {@code deny} is empty
	 */
	public boolean isPermissive() {
		return this.allowAny && this.deny.isEmpty();
	}

	/**
	 * Whether nothing can be called.
	 * @return whether {@code allow} is empty
	 */
	public boolean allowsNothing() {
		return this.allow.isEmpty();
	}

	/**
	 * Check a branch URL as the API receives it.
	 * @param url the URL as it will be stored: {@code http(s)://}, a service URL or, for
	 * a gRPC transaction, a gRPC target
	 * @param protocol the transaction's protocol
	 * @return why the URL is refused, or empty when it may be stored; a URL that cannot
	 * be read is left to the caller's own checks
	 */
	public Optional<String> refusal(String url, String protocol) {
		if (url == null || url.isEmpty()) {
			return Optional.empty();
		}
		if (GrpcTarget.isGrpc(url, protocol)) {
			GrpcTarget target;
			try {
				target = GrpcTarget.parse(url);
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
			return target.isService() ? serviceRefusal(target.serviceUrl())
					: authorityRefusal(target.authority(), "", false, false);
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (scheme.equals("http") || scheme.equals("https")) {
			if (uri.getHost() == null) {
				return Optional.empty();
			}
			return hostRefusal(uri.getHost(), port(uri), uri.getPath(), false, false);
		}
		return (uri.getHost() != null || uri.getAuthority() != null) ? serviceRefusal(uri) : Optional.empty();
	}

	/**
	 * Check an address right before a branch call.
	 * @param host the host the call connects to (resolved from a service URL, if any)
	 * @param port the port
	 * @param path the request path ({@code ""} for gRPC)
	 * @param vouched whether a service rule accepted the service URL it was resolved from
	 * @return why the call is refused, or empty when it may be made
	 */
	public Optional<String> refusalOfCall(String host, int port, String path, boolean vouched) {
		return hostRefusal(host, port, path, true, vouched);
	}

	/**
	 * Check a gRPC authority right before a call.
	 * @param authority {@code host:port}
	 * @param vouched whether a service rule accepted the service URL it was resolved from
	 * @return why the call is refused, or empty
	 */
	public Optional<String> refusalOfGrpcCall(String authority, boolean vouched) {
		return authorityRefusal(authority, "", true, vouched);
	}

	/**
	 * Check a resolved HTTP URL right before a call.
	 * @param target the URL the call goes to
	 * @param vouched whether a service rule accepted the service URL it was resolved from
	 * @return why the call is refused, or empty
	 */
	public Optional<String> refusalOfCall(URI target, boolean vouched) {
		if (target.getHost() == null) {
			return Optional.empty();
		}
		return refusalOfCall(target.getHost(), port(target), target.getPath(), vouched);
	}

	/**
	 * Whether a URL is a service URL a service rule accepts.
	 * @param url the URL as stored
	 * @return whether it is
	 */
	public boolean vouchesFor(URI url) {
		String scheme = url.getScheme();
		String service = url.getHost();
		return scheme != null && service != null
				&& this.deny.stream().noneMatch((r) -> r.matchesService(scheme, service))
				&& this.allow.stream().anyMatch((r) -> r.matchesService(scheme, service));
	}

	private Optional<String> serviceRefusal(URI url) {
		String scheme = url.getScheme();
		String service = (url.getHost() != null) ? url.getHost() : url.getAuthority();
		for (BranchUrlRule rule : this.deny) {
			if (rule.matchesService(scheme, service)) {
				return Optional.of("it matches rule '" + rule + "' of " + DENY);
			}
		}
		if (this.allow.stream().anyMatch((rule) -> rule.matchesService(scheme, service))) {
			return Optional.empty();
		}
		return Optional
			.of("service " + scheme + "://" + service + " matches no rule of " + ALLOW + " " + texts(this.allow));
	}

	private Optional<String> authorityRefusal(String authority, String path, boolean callTime, boolean vouched) {
		int colon = authority.lastIndexOf(':');
		String host = authority.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port;
		try {
			port = Integer.parseInt(authority.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		return hostRefusal(host, port, path, callTime, vouched);
	}

	private Optional<String> hostRefusal(String rawHost, int port, String path, boolean callTime, boolean vouched) {
		String host = BranchUrlRule.withoutTrailingDot((rawHost.startsWith("[") && rawHost.endsWith("]"))
				? rawHost.substring(1, rawHost.length() - 1) : rawHost);
		Addresses addresses = new Addresses(host, callTime);
		String where = host + ":" + port;
		for (BranchUrlRule rule : this.deny) {
			if (rule.matchesName(host, port) || (rule.isAddress() && rule.matchesAddress(addresses.get(), port))) {
				return Optional.of(where + " matches rule '" + rule + "' of " + DENY);
			}
		}
		if (this.allow.stream().anyMatch((rule) -> rule.isExact() && matchesExactly(rule, host, port, addresses))) {
			// an allow rule that names this host or address exactly may open the
			// always-denied set; a wildcard or a block may not
			return Optional.empty();
		}
		for (BranchUrlRule rule : ALWAYS_DENIED_RULES) {
			if (rule.matchesName(host, port)
					|| (rule.isAddress() && addresses.known() && rule.matchesAddress(addresses.get(), port))) {
				return Optional.of(where + " is a link-local or cloud metadata address (" + rule + "), denied unless "
						+ ALLOW + " names it");
			}
		}
		if (addresses.known() && this.own.isOwnEndpoint(addresses.get(), port, path)) {
			return Optional.of(where + path + " is this coordinator's own management endpoint, denied unless " + ALLOW
					+ " names it");
		}
		if (this.allowAny || vouched || explicitlyAllowed(host, port, addresses)) {
			return Optional.empty();
		}
		return Optional.of(where + " matches no rule of " + ALLOW + " " + texts(this.allow));
	}

	private static boolean matchesExactly(BranchUrlRule rule, String host, int port, Addresses addresses) {
		if (rule.matchesName(host, port)) {
			return true;
		}
		return rule.isAddress() && BranchUrlRule.isIpLiteral(host) && rule.matchesAddress(addresses.get(), port);
	}

	private boolean explicitlyAllowed(String host, int port, Addresses addresses) {
		if (this.allow.stream().anyMatch((rule) -> rule.matchesName(host, port))) {
			return true;
		}
		if (this.allow.stream().noneMatch(BranchUrlRule::isAddress)) {
			return false;
		}
		List<InetAddress> all = addresses.get();
		return !all.isEmpty() && all.stream()
			.allMatch((address) -> this.allow.stream()
				.anyMatch((rule) -> rule.isAddress() && rule.matchesAddress(List.of(address), port)));
	}

	private static String texts(List<BranchUrlRule> rules) {
		return rules.stream().map(BranchUrlRule::text).toList().toString();
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/**
	 * The addresses of a host, looked up once when first needed: a literal is parsed, a
	 * name resolved. At the API a name that does not resolve has no addresses (the call
	 * will fail on its own); right before a call it is resolved as the client will.
	 */
	private final class Addresses {

		private final String host;

		private final boolean resolveAlways;

		private List<InetAddress> addresses;

		Addresses(String host, boolean resolveAlways) {
			this.host = host;
			this.resolveAlways = resolveAlways;
		}

		/**
		 * Whether the addresses may be used without a lookup the caller did not ask for:
		 * a literal, a lookup already made, or any lookup at call time.
		 */
		boolean known() {
			return this.addresses != null || this.resolveAlways || BranchUrlRule.isIpLiteral(this.host);
		}

		List<InetAddress> get() {
			if (this.addresses == null) {
				this.addresses = lookup();
			}
			return this.addresses;
		}

		private List<InetAddress> lookup() {
			try {
				if (BranchUrlRule.isIpLiteral(this.host)) {
					// a literal is parsed, never looked up
					return List.of(InetAddress.getByName(this.host));
				}
				return List.of(BranchUrlGuard.this.resolver.resolve(this.host));
			}
			catch (UnknownHostException ex) {
				return List.of();
			}
		}

	}

	/**
	 * How host names become addresses.
	 */
	@FunctionalInterface
	public interface Resolver {

		/** The JVM's resolver (and its cache), the one the HTTP and gRPC clients use. */
		Resolver DNS = InetAddress::getAllByName;

		/**
		 * The addresses of a host.
		 * @param host the host name or literal
		 * @return its addresses
		 * @throws UnknownHostException when it has none
		 */
		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/**
	 * This coordinator's own management endpoint: the management port when Actuator has
	 * its own, else the paths under the management base path on the server port, on any
	 * address of this host.
	 */
	public static final class OwnEndpoints {

		/** No endpoint of its own (tests and tools). */
		public static final OwnEndpoints NONE = new OwnEndpoints(() -> -1, -1, "/actuator");

		private final IntSupplier serverPort;

		private final int managementPort;

		private final String basePath;

		private final Set<InetAddress> localAddresses;

		/**
		 * The endpoints.
		 * @param serverPort the HTTP port once the server has started
		 * @param managementPort the management port, or -1 when it is the server port
		 * @param basePath the management base path ({@code /actuator})
		 */
		public OwnEndpoints(IntSupplier serverPort, int managementPort, String basePath) {
			this.serverPort = serverPort;
			this.managementPort = managementPort;
			this.basePath = (basePath == null || basePath.isEmpty()) ? "/" : basePath;
			this.localAddresses = localAddresses();
		}

		private static Set<InetAddress> localAddresses() {
			Set<InetAddress> addresses = new HashSet<>();
			try {
				for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
					addresses.addAll(Collections.list(nic.getInetAddresses()));
				}
			}
			catch (SocketException | RuntimeException ex) {
				// loopback and wildcard addresses are still recognised
			}
			return Set.copyOf(addresses);
		}

		boolean isOwnEndpoint(List<InetAddress> addresses, int port, String path) {
			boolean local = addresses.stream()
				.anyMatch((address) -> address.isLoopbackAddress() || address.isAnyLocalAddress()
						|| this.localAddresses.contains(address));
			if (!local) {
				return false;
			}
			if (this.managementPort > 0) {
				return port == this.managementPort;
			}
			String p = (path != null) ? path : "";
			return port == this.serverPort.getAsInt() && (p.equals(this.basePath)
					|| p.startsWith(this.basePath.endsWith("/") ? this.basePath : this.basePath + "/"));
		}

	}

}
