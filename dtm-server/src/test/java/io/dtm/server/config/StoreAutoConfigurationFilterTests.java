package io.dtm.server.config;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StoreAutoConfigurationFilter}.
 */
class StoreAutoConfigurationFilterTests {

	private static final String[] CANDIDATES = {
			"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
			"org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
			"org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
			"org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration",
			"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.data.redis.RedisHealthContributorAutoConfiguration",
			"org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration",
			"org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration" };

	@Test
	void matchWhenStoreIsRedisShouldExcludeDatabaseAutoConfiguration() {
		assertThat(match("redis")).containsExactly(false, false, false, false, true, true, false, true);
	}

	@Test
	void matchWhenStoreIsJpaOrUnsetShouldExcludeRedisAutoConfiguration() {
		assertThat(match("jpa")).containsExactly(true, true, true, true, false, false, false, true);
		assertThat(match(null)).containsExactly(true, true, true, true, false, false, false, true);
		assertThat(match(" JPA ")).containsExactly(true, true, true, true, false, false, false, true);
	}

	@Test
	void matchWhenStoreTypeIsUnknownShouldLeaveBindingToReportIt() {
		assertThat(match("mongo")).containsExactly(true, true, true, true, true, true, false, true);
	}

	private static boolean[] match(String type) {
		MockEnvironment environment = new MockEnvironment();
		if (type != null) {
			environment.setProperty("dtm.server.store.type", type);
		}
		StoreAutoConfigurationFilter filter = new StoreAutoConfigurationFilter();
		filter.setEnvironment(environment);
		return filter.match(CANDIDATES, null);
	}

}
