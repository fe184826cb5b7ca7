package io.dtm.server.engine;

/**
 * A {@link UrlResolver} for URLs that name a service instead of a host, such as
 * {@code nacos://order-svc/api/TransOut} or {@code lb://order-svc/api/TransOut}. Optional
 * integrations contribute them as beans; the coordinator asks them, in order, before the
 * plain HTTP resolver. {@link #resolve(java.net.URI)} throws an
 * {@link IllegalStateException} whose message says why when no instance is available, and
 * the branch call then counts as a retryable error.
 */
public interface ServiceUrlResolver extends UrlResolver {

}
