package io.dtm.client;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the coordinator is. The default implementation reads
 * {@code dtm.client.server-url}; with {@code dtm.client.service-name} and a Spring Cloud
 * {@code DiscoveryClient} (Nacos, for example) the URL is looked up on every call. Define
 * a bean of this type to supply the location some other way (Testcontainers, a test, a
 * custom registry).
 */
public interface DtmConnectionDetails extends ConnectionDetails {

	/**
	 * Base URL of one coordinator instance, such as {@code http://dtm:36789}; the
	 * {@code /api/dtmsvr} API path may be included or left out. Called for every
	 * coordinator call, so implementations may load-balance.
	 * @return the URL
	 */
	String getServerUrl();

}
