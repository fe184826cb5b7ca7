package io.dtm.server.config;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps the auto-configuration of the store that is not selected by
 * {@code dtm.server.store.type} out of the context: with {@code redis} no DataSource, JPA
 * or Flyway is configured (so no database is needed), and with {@code jpa} (the default)
 * no Redis connection factory or Redis health indicator is created (so no Redis is
 * needed). Unknown values filter nothing; binding {@link DtmServerProperties} then
 * reports them.
 */
public class StoreAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	static final String PROPERTY = "dtm.server.store.type";

	private static final List<String> DATABASE = List.of("org.springframework.boot.autoconfigure.jdbc.",
			"org.springframework.boot.autoconfigure.orm.jpa.", "org.springframework.boot.autoconfigure.data.jpa.",
			"org.springframework.boot.autoconfigure.flyway.", "org.springframework.boot.autoconfigure.sql.init.",
			"org.springframework.boot.autoconfigure.h2.", "org.springframework.boot.actuate.autoconfigure.jdbc.",
			"org.springframework.boot.actuate.autoconfigure.flyway.");

	private static final List<String> REDIS = List.of("org.springframework.boot.autoconfigure.data.redis.",
			"org.springframework.boot.actuate.autoconfigure.data.redis.");

	private static final String REDIS_REPOSITORIES = "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		String type = (this.environment != null) ? this.environment.getProperty(PROPERTY, "jpa") : "jpa";
		List<String> excluded = excludedPrefixes(type.trim().toLowerCase(Locale.ROOT));
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = candidate == null
					|| (!REDIS_REPOSITORIES.equals(candidate) && excluded.stream().noneMatch(candidate::startsWith));
		}
		return matches;
	}

	static List<String> excludedPrefixes(String type) {
		return switch (type) {
			case "redis" -> DATABASE;
			case "jpa" -> REDIS;
			default -> List.of();
		};
	}

}
