package io.dtm.server.engine;

import java.net.URI;

/**
 * Turns a stored branch URL into the address to call. The default passes {@code http} and
 * {@code https} URLs through; discovery-backed resolvers add service schemes such as
 * {@code nacos://} and {@code lb://}.
 */
public interface UrlResolver {

	/**
	 * Whether this resolver can turn the URL into an address.
	 * @param url the URL as stored
	 * @return {@code true} when {@link #resolve(URI)} can handle it
	 */
	boolean supports(URI url);

	/**
	 * Resolve the URL.
	 * @param url the URL as stored
	 * @return an {@code http} or {@code https} URI
	 * @throws IllegalStateException when no address is available right now (retryable)
	 */
	URI resolve(URI url);

	/**
	 * The default resolver for plain HTTP URLs.
	 * @return the resolver
	 */
	static UrlResolver http() {
		return new UrlResolver() {

			@Override
			public boolean supports(URI url) {
				String scheme = url.getScheme();
				return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && url.getHost() != null;
			}

			@Override
			public URI resolve(URI url) {
				return url;
			}

		};
	}

}
