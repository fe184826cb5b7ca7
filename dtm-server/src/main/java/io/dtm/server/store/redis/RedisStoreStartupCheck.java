package io.dtm.server.store.redis;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Pings Redis once all beans exist and before the web server starts. A failure is logged
 * with its D1002 diagnosis and, when {@code fail-fast} is on (the default), stops the
 * start-up so {@link RedisStoreFailureAnalyzer} can explain it.
 */
class RedisStoreStartupCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(RedisStoreStartupCheck.class);

	private final RedisTransStore store;

	private final String endpoint;

	private final String prefix;

	private final boolean failFast;

	RedisStoreStartupCheck(RedisTransStore store, String endpoint, String prefix, boolean failFast) {
		this.store = store;
		this.endpoint = endpoint;
		this.prefix = prefix;
		this.failFast = failFast;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			this.store.ping();
			logger.info("Redis store ready at " + this.endpoint + " with key prefix " + this.prefix);
		}
		catch (RedisConfigurationException ex) {
			logger.error(ex.getDiagnosis().messageWithError());
			if (this.failFast) {
				throw ex;
			}
		}
	}

}
