package io.dtm.server.observability;

import io.dtm.server.security.ApiTokens;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /livez} and {@code /readyz}, Kubernetes' names for the liveness and readiness
 * groups, answer on the API port while Actuator has a port of its own and API tokens are
 * on (the Helm chart's and the production set-up), past the security chains and the
 * console's filters.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KubernetesProbePathsTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		registry.add("dtm.server.security.api.authentication", () -> "token");
		registry.add("dtm.server.security.api.operator-calls", () -> "operator");
		registry.add("dtm.server.security.api.tokens[0].name", () -> "ops");
		registry.add("dtm.server.security.api.tokens[0].sha256", () -> ApiTokens.hash("probe-test-operator-token"));
		registry.add("dtm.server.security.api.tokens[0].role", () -> "OPERATOR");
		registry.add("dtm.server.security.actuator.diagnostics", () -> "operator");
		registry.add("management.server.port", () -> "0");
	}

	@Test
	void whenLivezIsAskedWithoutATokenItShouldAnswerUp() {
		DtmHttp.Reply reply = new DtmHttp(this.port).get("/livez");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void whenReadyzIsAskedWithoutATokenItShouldAnswerUp() {
		DtmHttp.Reply reply = new DtmHttp(this.port).get("/readyz");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).contains("\"status\":\"UP\"");
	}

}
