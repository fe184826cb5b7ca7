package io.dtm.server.store.jpa;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Applies MySQL Connector/J's recommended pooling properties to a Hikari pool on a
 * {@code jdbc:mysql:} URL, unless the user set them: cached session state (no
 * {@code SET autocommit} / read-only round trips the driver can answer locally), cached
 * prepared statements and server configuration, and rewritten batches. Each saved round
 * trip is a saved network hop on every transaction the coordinator writes. The driver's
 * own OpenTelemetry spans are off ({@code openTelemetry=DISABLED}): the coordinator's
 * traces show passes and branch calls, and a span per statement cost measurable CPU on
 * the hot path (docs/benchmarks.md); {@code openTelemetry=PREFERRED} in the URL brings
 * them back.
 */
class MySqlConnectionTuning implements BeanPostProcessor {

	static final Map<String, String> PROPERTIES = Map.ofEntries(Map.entry("useLocalSessionState", "true"),
			Map.entry("useLocalTransactionState", "true"), Map.entry("cachePrepStmts", "true"),
			Map.entry("prepStmtCacheSize", "250"), Map.entry("prepStmtCacheSqlLimit", "2048"),
			Map.entry("cacheServerConfiguration", "true"), Map.entry("cacheResultSetMetadata", "true"),
			Map.entry("elideSetAutoCommits", "true"), Map.entry("maintainTimeStats", "false"),
			Map.entry("rewriteBatchedStatements", "true"), Map.entry("openTelemetry", "DISABLED"));

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
