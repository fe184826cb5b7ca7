package io.dtm.server.store.redis;

import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator with {@code dtm.server.store.type=redis}: it runs on Redis alone, with
 * no DataSource, JPA or Flyway, and reports the store in its health endpoints. The
 * datasource URL points at a database that cannot exist, to prove it is never used.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dtm.server.cron.enabled=false", "spring.datasource.url=jdbc:mysql://127.0.0.1:1/none",
				"management.endpoint.health.show-details=always" })
@Tag("integration")
class RedisStoreStartupTests {

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void requireRedis() {
		ExternalServices.redis();
	}

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.redis(registry);
	}

	@Test
	void contextWhenStoreIsRedisShouldHaveNoDatabaseBeans() {
		assertThat(this.context.getBean(TransStore.class)).isInstanceOf(RedisTransStore.class);
		assertThat(this.context.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(jakarta.persistence.EntityManagerFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(org.flywaydb.core.Flyway.class)).isEmpty();
	}

	@Test
	void healthWhenRedisAnswersShouldReportTheStoreUp() {
		DtmHttp http = new DtmHttp(this.port);
		assertThat(http.get("/api/health").json().path("result").asText()).isEqualTo("success");
		DtmHttp.Reply health = http.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("components").path("dtmStore").path("status").asText()).isEqualTo("UP");
		assertThat(health.json().path("components").has("dtmPaths")).isTrue();
		assertThat(health.json().path("components").path("dtmPaths").path("details").path("check").asText())
			.as("no data directory to check in Redis mode")
			.isEqualTo("paths");
		assertThat(health.json().path("components").has("db")).isFalse();
		assertThat(health.json().path("components").has("redis")).as("dtmStore is the time-bounded Redis check")
			.isFalse();
	}

}
