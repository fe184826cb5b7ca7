package io.dtm.server.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmServerProperties.Audit}.
 */
class AuditPropertiesTests {

	@Test
	void whenNotSetTheRedisStoreShouldKeepOneHundredThousandEntries() {
		assertThat(new DtmServerProperties().getAudit().getRedisMaxEntries()).isEqualTo(100_000);
	}

	@Test
	void whenSetTheKeyShouldBind() {
		Binder binder = new Binder(
				new MapConfigurationPropertySource(Map.of("dtm.server.audit.redis-max-entries", "5")));

		DtmServerProperties properties = binder.bind("dtm.server", DtmServerProperties.class).get();

		assertThat(properties.getAudit().getRedisMaxEntries()).isEqualTo(5);
	}

}
