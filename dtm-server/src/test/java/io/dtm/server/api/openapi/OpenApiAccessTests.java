package io.dtm.server.api.openapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.dtm.server.security.ApiTokens;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for who may read the OpenAPI description: with console users and API tokens
 * configured it is still served without a login or a token (it describes the protocol,
 * not the data), while the API itself asks for a token.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiAccessTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
		registry.add("dtm.server.console.users[0].name", () -> "olga");
		registry.add("dtm.server.console.users[0].password", () -> new BCryptPasswordEncoder(4).encode("secret"));
		registry.add("dtm.server.security.api.authentication", () -> "token");
		registry.add("dtm.server.security.api.tokens[0].name", () -> "orders");
		registry.add("dtm.server.security.api.tokens[0].sha256", () -> ApiTokens.hash(UUID.randomUUID().toString()));
		registry.add("dtm.server.security.api.tokens[0].role", () -> "CLIENT");
	}

	@Test
	void whenConsoleLoginAndApiTokensAreRequiredTheDescriptionShouldStillBeServed() throws Exception {
		HttpResponse<String> json = get("/v3/api-docs");
		HttpResponse<String> yaml = get("/v3/api-docs.yaml");

		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.body()).contains("\"/api/dtmsvr/submit\"");
		assertThat(yaml.statusCode()).isEqualTo(200);
		assertThat(get("/api/dtmsvr/newGid").statusCode()).as("the API itself needs a token").isEqualTo(401);
		assertThat(get("/console/transactions").statusCode()).as("the console needs a login").isEqualTo(302);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
