package io.dtm.server.store.redis;

import java.time.Duration;

import io.dtm.server.DtmServerApplication;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ThrowAwayRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A private Redis server is stopped for 20 seconds and started again on the same port:
 * the coordinator must be ready again within a few seconds (Lettuce's default reconnect
 * back-off would have grown to 16–30 s by then).
 */
@Tag("integration")
class RedisOutageRecoveryTests {

	@Test
	void whenRedisComesBackAfterAnOutageReadinessShouldRecoverWithinSeconds() throws Exception {
		ThrowAwayRedis redis = ThrowAwayRedis.start();
		int port = redis.port();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DtmServerApplication.class).run(
				"--server.port=0", "--dtm.server.store.type=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + port, "--dtm.server.cron.enabled=false")) {
			DtmHttp http = new DtmHttp(((WebServerApplicationContext) app).getWebServer().getPort());
			assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
			redis.close();
			await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/actuator/health/readiness").status() == 503);
			Thread.sleep(20_000);
			redis = ThrowAwayRedis.startOn(port);
			long back = System.nanoTime();
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> http.get("/actuator/health/readiness").status() == 200);
			Duration recovery = Duration.ofNanos(System.nanoTime() - back);
			assertThat(recovery).as("readiness after Redis returned").isLessThan(Duration.ofSeconds(6));
			assertThat(http
				.post("/api/dtmsvr/submit",
						"{\"gid\":\"after-outage\",\"trans_type\":\"saga\",\"wait_result\":true,"
								+ "\"steps\":[{\"action\":\"\",\"compensate\":\"\"}]}")
				.status()).isEqualTo(200);
		}
		finally {
			redis.close();
		}
	}

}
