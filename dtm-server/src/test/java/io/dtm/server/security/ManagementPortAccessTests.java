package io.dtm.server.security;

import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on its own port (as the Helm chart runs it) keeps the access rules: health is
 * open, {@code /actuator/dtm} needs an operator token, and the API port no longer serves
 * Actuator.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "dtm.server.security.actuator.diagnostics=operator" })
class ManagementPortAccessTests {

	@Value("${local.management.port}")
	int managementPort;

	@Value("${local.server.port}")
	int serverPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void whenActuatorHasItsOwnPortItsDiagnosticsShouldStillNeedAnOperatorToken() {
		DtmHttp management = new DtmHttp(this.managementPort);

		assertThat(management.get("/actuator/health").status()).isEqualTo(200);
		assertThat(management.get("/actuator/dtm").status()).isEqualTo(401);
		assertThat(new DtmHttp(this.serverPort).get("/actuator/health").status()).isEqualTo(404);
		assertThat(new DtmHttp(this.serverPort).get("/api/ping").status()).isEqualTo(200);
	}

}
