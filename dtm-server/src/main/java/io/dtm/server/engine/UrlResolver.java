package io.dtm.server.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

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
	 * Resolve the URL of a branch called over gRPC: as {@link #resolve(URI)}, but a
	 * registry that knows an instance's gRPC port (metadata {@code gRPC_port}) returns
	 * that port. Only the host and port of the result are used.
	 * @param url the service URL as stored, such as
	 * {@code nacos://order-svc/busi.Busi/TransOut}
	 * @return a URI with the instance's host and gRPC port
	 * @throws IllegalStateException when no address is available right now (retryable)
	 */
	default URI resolveGrpc(URI url) {
		return resolve(url);
	}

	/**
	 * A resolver that hands each URL to the first of the given resolvers that supports
	 * it, then to the plain HTTP resolver.
	 * @param serviceResolvers resolvers for service URLs, in order
	 * @return the combined resolver
	 */
	static UrlResolver withServices(List<? extends UrlResolver> serviceResolvers) {
		List<UrlResolver> all = new ArrayList<>(serviceResolvers);
		all.add(http());
		return new UrlResolver() {

			@Override
			public boolean supports(URI url) {
				return all.stream().anyMatch((resolver) -> resolver.supports(url));
			}

			@Override
			public URI resolve(URI url) {
				return resolver(url).resolve(url);
			}

			@Override
			public URI resolveGrpc(URI url) {
				return resolver(url).resolveGrpc(url);
			}

			private UrlResolver resolver(URI url) {
				for (UrlResolver resolver : all) {
					if (resolver.supports(url)) {
						return resolver;
					}
				}
				throw new IllegalStateException("no resolver for URL scheme '" + url.getScheme() + "'");
			}

		};
	}

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
