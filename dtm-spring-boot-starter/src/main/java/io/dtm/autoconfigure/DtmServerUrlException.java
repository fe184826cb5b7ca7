package io.dtm.autoconfigure;

/**
 * Thrown at start-up when {@code dtm.client.server-url} is set but is not an absolute
 * {@code http://} or {@code https://} URL with a host: empty (an unset environment
 * variable, for example), without a scheme ({@code localhost:36789}), or malformed.
 * Reported by {@link DtmServerUrlFailureAnalyzer}.
 */
public class DtmServerUrlException extends IllegalStateException {

	private final String value;

	private final String problem;

	private final String suggestion;

	private final String serviceName;

	DtmServerUrlException(String value, String problem, String suggestion, String serviceName) {
		super("dtm.client.server-url '" + value + "' " + problem);
		this.value = value;
		this.problem = problem;
		this.suggestion = suggestion;
		this.serviceName = serviceName;
	}

	/**
	 * Check a configured coordinator URL.
	 * @param value the value of {@code dtm.client.server-url}
	 * @param serviceName the value of {@code dtm.client.service-name}, or {@code null}
	 * @return the value
	 * @throws DtmServerUrlException if it is not a usable URL
	 */
	static String check(String value, String serviceName) {
		String url = (value != null) ? value.strip() : "";
		if (url.isEmpty()) {
			throw new DtmServerUrlException(String.valueOf(value), "is empty", null, serviceName);
		}
		if (!url.contains("://")) {
			throw new DtmServerUrlException(value, "has no scheme", "http://" + url, serviceName);
		}
		java.net.URI uri;
		try {
			uri = new java.net.URI(url);
		}
		catch (java.net.URISyntaxException ex) {
			throw new DtmServerUrlException(value, "is not a valid URL: " + ex.getMessage(), null, serviceName);
		}
		String scheme = String.valueOf(uri.getScheme());
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new DtmServerUrlException(value, "has the scheme '" + scheme + "'; the coordinator speaks HTTP", null,
					serviceName);
		}
		if (uri.getHost() == null) {
			throw new DtmServerUrlException(value, "has no valid host (and port)", null, serviceName);
		}
		if (uri.getQuery() != null || uri.getFragment() != null) {
			throw new DtmServerUrlException(value, "has a query or fragment",
					scheme + "://" + uri.getRawAuthority() + ((uri.getRawPath() != null) ? uri.getRawPath() : ""),
					serviceName);
		}
		return url;
	}

	/**
	 * The configured value.
	 * @return the value of {@code dtm.client.server-url}
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * What is wrong with it.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * A corrected value, when one can be guessed.
	 * @return the suggestion, or {@code null}
	 */
	public String getSuggestion() {
		return this.suggestion;
	}

	/**
	 * The configured service name.
	 * @return the value of {@code dtm.client.service-name}, or {@code null}
	 */
	public String getServiceName() {
		return this.serviceName;
	}

}
