package io.dtm.server.diagnostics;

import java.io.IOException;
import java.net.ServerSocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Nacos on, Spring Cloud's discovery health component is kept (it reports the
 * discovery client once this instance has registered), unlike with the default Nacos-off
 * configuration (see {@link StoreFaultHealthTests}). Nacos itself is not needed: the
 * address points at a closed port, so registration keeps retrying in the background.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.nacos.discovery.enabled=true", "dtm.server.cron.enabled=false" })
@Tag("integration")
@DirtiesContext
class NacosOnHealthComponentsTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		int closed = closedPort();
		registry.add("spring.cloud.nacos.discovery.server-addr", () -> "127.0.0.1:" + closed);
	}

	@Test
	void whenNacosIsOnHealthShouldKeepTheDiscoveryComponent() {
		long start = System.nanoTime();
		JsonNode components = new DtmHttp(this.port).get("/actuator/health").json().path("components");
		assertThat((System.nanoTime() - start) / 1_000_000).as("health answered in ms").isLessThan(2500);
		assertThat(components.has("discoveryComposite")).as(components.toString()).isTrue();
		assertThat(components.has("nacosRegistration")).as(components.toString()).isTrue();
		assertThat(components.has("refreshScope")).as(components.toString()).isFalse();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
