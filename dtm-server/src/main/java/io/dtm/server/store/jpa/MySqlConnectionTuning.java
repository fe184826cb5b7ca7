package io.dtm.server.store.jpa;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Applies MySQL Connector/J's recommended pooling properties to a Hikari pool on a
 * {@code jdbc:mysql:} URL, unless the user set them: cached session state (no
 * {@code SET autocommit} / read-only round trips the driver can answer locally), cached
 * prepared statements and server configuration, and rewritten batches. Each saved round
 * trip is a saved network hop on every transaction the coordinator writes.
 */
class MySqlConnectionTuning implements BeanPostProcessor {

	static final Map<String, String> PROPERTIES = Map.of("useLocalSessionState", "true", "useLocalTransactionState",
			"true", "cachePrepStmts", "true", "prepStmtCacheSize", "250", "prepStmtCacheSqlLimit", "2048",
			"cacheServerConfiguration", "true", "cacheResultSetMetadata", "true", "elideSetAutoCommits", "true",
			"maintainTimeStats", "false", "rewriteBatchedStatements", "true");

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
				&& hikari.getJdbcUrl().startsWith("jdbc:mysql:")) {
			PROPERTIES.forEach((key, value) -> {
				if (!hikari.getDataSourceProperties().containsKey(key) && !hikari.getJdbcUrl().contains(key + "=")) {
					hikari.addDataSourceProperty(key, value);
				}
			});
		}
		return bean;
	}

}
