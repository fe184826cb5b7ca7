package io.dtm.server.engine;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * One pattern of {@code dtm.server.security.branch-urls.allow} or {@code .deny}:
 * <ul>
 * <li>{@code *}: every address (allow only);</li>
 * <li>a host name, {@code billing} or {@code *.svc.cluster.local}, optionally with a port
 * ({@code billing:8080}): matches the host name of the URL, case-insensitively;</li>
 * <li>an IP address or CIDR block, {@code 10.1.2.3}, {@code 10.0.0.0/8},
 * {@code fd00::/8}, {@code [::1]:8080}: matches the URL's address, a name resolved
 * first;</li>
 * <li>a discovery service, {@code nacos://order-svc}, {@code lb://*}: matches service
 * URLs of that scheme and name.</li>
 * </ul>
 */
final class BranchUrlRule {

	/**
	 * Dotted IPv4 and the shorter numeric forms the JVM also reads as addresses
	 * ({@code 2852039166}, {@code 169.16689662}).
	 */
	private static final Pattern IPV4 = Pattern.compile("\\d+(\\.\\d+){0,3}");

	private final String text;

	private final Kind kind;

	private final String name;

	private final int port;

	private final IpAddressMatcher block;

	private BranchUrlRule(String text, Kind kind, String name, int port, IpAddressMatcher block) {
		this.text = text;
		this.kind = kind;
		this.name = name;
		this.port = port;
		this.block = block;
	}

	/**
	 * Parse a pattern.
	 * @param text the pattern
	 * @return the rule
	 * @throws IllegalArgumentException naming the pattern when it cannot be read
	 */
	static BranchUrlRule parse(String text) {
		String pattern = (text != null) ? text.trim() : "";
		if (pattern.isEmpty()) {
			throw new IllegalArgumentException("an empty branch URL pattern");
		}
		if (pattern.equals("*")) {
			return new BranchUrlRule(pattern, Kind.ANY, null, -1, null);
		}
		int scheme = pattern.indexOf("://");
		if (scheme > 0) {
			String service = pattern.substring(scheme + 3);
			if (service.isEmpty() || service.contains("/")) {
				throw new IllegalArgumentException("branch URL pattern '" + text
						+ "' names no service (expected nacos://service-name, lb://service-name or nacos://*)");
			}
			return new BranchUrlRule(pattern, Kind.SERVICE,
					pattern.substring(0, scheme).toLowerCase(Locale.ROOT) + "://" + service.toLowerCase(Locale.ROOT),
					-1, null);
		}
		String host = pattern;
		int port = -1;
		if (host.startsWith("[")) {
			int close = host.indexOf(']');
			if (close < 0) {
				throw new IllegalArgumentException("branch URL pattern '" + text + "' has no closing ']'");
			}
			if (close + 1 < host.length()) {
				port = port(text, host.substring(close + 1));
			}
			host = host.substring(1, close);
		}
		else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
			port = port(text, host.substring(host.indexOf(':')));
			host = host.substring(0, host.indexOf(':'));
		}
		String address = host.contains("/") ? host.substring(0, host.indexOf('/')) : host;
		if (isIpLiteral(address)) {
			try {
				return new BranchUrlRule(pattern, Kind.ADDRESS, null, port, new IpAddressMatcher(host));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("branch URL pattern '" + text + "' is not a valid address or CIDR"
						+ " block: " + ex.getMessage(), ex);
			}
		}
		if (host.contains("/") || host.isEmpty() || host.indexOf('*', 1) >= 0
				|| (host.startsWith("*") && !host.startsWith("*."))) {
			throw new IllegalArgumentException("branch URL pattern '" + text + "' is neither a host name ("
					+ "billing, *.svc.cluster.local), an address or CIDR block (10.0.0.0/8) nor a service"
					+ " (nacos://name)");
		}
		return new BranchUrlRule(pattern, Kind.NAME, withoutTrailingDot(host.toLowerCase(Locale.ROOT)), port, null);
	}

	/**
	 * A host name without the trailing dot of its fully qualified form
	 * ({@code metadata.google.internal.}), which names the same host.
	 * @param host the name
	 * @return the name without it
	 */
	static String withoutTrailingDot(String host) {
		return (host.length() > 1 && host.endsWith(".")) ? host.substring(0, host.length() - 1) : host;
	}

	private static int port(String text, String suffix) {
		try {
			int port = Integer.parseInt(suffix.substring(1));
			if (suffix.charAt(0) == ':' && port > 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("branch URL pattern '" + text + "' has an invalid port '" + suffix + "'");
	}

	/**
	 * Whether a host is an IP address literal (no name to resolve).
	 * @param host the host, IPv6 without brackets
	 * @return whether it is
	 */
	static boolean isIpLiteral(String host) {
		return IPV4.matcher(host).matches() || (host.indexOf(':') >= 0 && host.matches("[0-9a-fA-F:.%]+"));
	}

	/**
	 * The pattern as configured.
	 * @return the text
	 */
	String text() {
		return this.text;
	}

	boolean isAny() {
		return this.kind == Kind.ANY;
	}

	boolean isAddress() {
		return this.kind == Kind.ADDRESS;
	}

	/**
	 * Whether the rule names one host or one address exactly (no wildcard, no block), so
	 * that it may allow an address of the always-denied set.
	 * @return whether it does
	 */
	boolean isExact() {
		return (this.kind == Kind.NAME && !this.name.startsWith("*."))
				|| (this.kind == Kind.ADDRESS && !this.text.contains("/"));
	}

	/**
	 * Whether the rule matches a service URL.
	 * @param scheme the URL's scheme
	 * @param service the service name
	 * @return whether it does
	 */
	boolean matchesService(String scheme, String service) {
		if (this.kind == Kind.ANY) {
			return true;
		}
		if (this.kind != Kind.SERVICE) {
			return false;
		}
		String prefix = scheme.toLowerCase(Locale.ROOT) + "://";
		return this.name.equals(prefix + "*") || this.name.equals(prefix + service.toLowerCase(Locale.ROOT));
	}

	/**
	 * Whether the rule matches a host by its name (or literal) and port.
	 * @param host the host as the URL names it
	 * @param port the port
	 * @return whether it does
	 */
	boolean matchesName(String host, int port) {
		if (this.kind != Kind.NAME || (this.port >= 0 && this.port != port)) {
			return false;
		}
		String lower = withoutTrailingDot(host.toLowerCase(Locale.ROOT));
		return this.name.startsWith("*.") ? lower.endsWith(this.name.substring(1)) : lower.equals(this.name);
	}

	/**
	 * Whether the rule matches any of the addresses a host has.
	 * @param addresses the addresses
	 * @param port the port
	 * @return whether one matches
	 */
	boolean matchesAddress(List<InetAddress> addresses, int port) {
		if (this.kind != Kind.ADDRESS || (this.port >= 0 && this.port != port)) {
			return false;
		}
		return addresses.stream().anyMatch((address) -> this.block.matches(address.getHostAddress()));
	}

	@Override
	public String toString() {
		return this.text;
	}

	private enum Kind {

		ANY, NAME, ADDRESS, SERVICE

	}

}
