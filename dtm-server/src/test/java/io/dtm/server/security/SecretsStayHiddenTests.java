package io.dtm.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TestStores;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A coordinator started with known secrets (a database password, an OIDC client secret,
 * an API token, a console password) runs a transaction whose branch carries more (an
 * {@code Authorization} branch header, a URL password and a token query parameter), and
 * then every output is scanned for them: the log, every exposed Actuator endpoint, the
 * API's error answers and the console's pages. None may appear.
 */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecretsStayHiddenTests {

	static final String DB_PASSWORD = "DbS3cret" + UUID.randomUUID().toString().substring(0, 8);

	static final String OIDC_SECRET = "OidcS3cret-" + UUID.randomUUID();

	static final String API_TOKEN = "ApiS3cret-" + UUID.randomUUID();

	static final String CONSOLE_PASSWORD = "ConsoleS3cret-" + UUID.randomUUID();

	static final String HEADER_SECRET = "HeaderS3cret-" + UUID.randomUUID();

	static final String URL_PASSWORD = "UrlS3cret" + UUID.randomUUID().toString().substring(0, 8);

	static final String QUERY_TOKEN = "QueryS3cret" + UUID.randomUUID().toString().substring(0, 8);

	static final List<String> SECRETS = List.of(DB_PASSWORD, OIDC_SECRET, API_TOKEN, CONSOLE_PASSWORD, HEADER_SECRET,
			URL_PASSWORD, QUERY_TOKEN);

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	BranchCallLog callLog;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		ExternalServices.Db db = TestStores.mariadb(registry, "secrets");
		String user = "dtm_s" + UUID.randomUUID().toString().substring(0, 6);
		String database = db.url().substring(db.url().lastIndexOf('/') + 1).split("\\?")[0];
		try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
				Statement statement = connection.createStatement()) {
			for (String host : List.of("%", "localhost", "127.0.0.1")) {
				statement.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + DB_PASSWORD + "'");
				statement.execute("GRANT ALL ON `" + database + "`.* TO '" + user + "'@'" + host + "'");
			}
		}
		registry.add("spring.datasource.username", () -> user);
		registry.add("spring.datasource.password", () -> DB_PASSWORD);
		registry.add("spring.security.oauth2.client.registration.sso.client-id", () -> "dtm-console");
		registry.add("spring.security.oauth2.client.registration.sso.client-secret", () -> OIDC_SECRET);
		registry.add("spring.security.oauth2.client.registration.sso.authorization-grant-type",
				() -> "authorization_code");
		registry.add("spring.security.oauth2.client.registration.sso.redirect-uri",
				() -> "{baseUrl}/login/oauth2/code/{registrationId}");
		registry.add("spring.security.oauth2.client.registration.sso.scope", () -> "openid");
		registry.add("spring.security.oauth2.client.provider.sso.authorization-uri", () -> "http://127.0.0.1:9/auth");
		registry.add("spring.security.oauth2.client.provider.sso.token-uri", () -> "http://127.0.0.1:9/token");
		registry.add("spring.security.oauth2.client.provider.sso.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
		registry.add("spring.security.oauth2.client.provider.sso.user-name-attribute", () -> "sub");
		registry.add("dtm.server.console.users[0].name", () -> "olga");
		registry.add("dtm.server.console.users[0].password",
				() -> new BCryptPasswordEncoder(4).encode(CONSOLE_PASSWORD));
		registry.add("dtm.server.console.users[0].roles", () -> "OPERATOR");
		registry.add("dtm.server.security.api.operator-calls", () -> "operator");
		registry.add("dtm.server.security.api.tokens[0].name", () -> "ops");
		registry.add("dtm.server.security.api.tokens[0].sha256", () -> ApiTokens.hash(API_TOKEN));
		registry.add("dtm.server.security.api.tokens[0].role", () -> "OPERATOR");
		registry.add("management.endpoints.web.exposure.include", () -> "*");
		registry.add("management.endpoint.health.show-details", () -> "always");
	}

	@Test
	void whenEveryOutputIsScannedNoSecretShouldAppear(CapturedOutput log) throws Exception {
		DtmHttp http = new DtmHttp(this.port);
		String gid = "secrets-" + UUID.randomUUID().toString().substring(0, 8);
		String url = "http://svc:" + URL_PASSWORD + "@127.0.0.1:9/TransOut?access_token=" + QUERY_TOKEN;
		assertThat(http.post("/api/dtmsvr/submit", """
				{"gid":"%s","trans_type":"saga","steps":[{"action":"%s","compensate":""}],"payloads":["{}"],
				"branch_headers":{"Authorization":"Bearer %s"}}""".formatted(gid, url, HEADER_SECRET)).status())
			.isEqualTo(200);
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !this.callLog.find(gid).isEmpty());

		List<String> outputs = new ArrayList<>();
		String links = operatorGet("/actuator");
		outputs.add(links);
		new ObjectMapper().readTree(links).path("_links").properties().forEach((link) -> {
			String href = link.getValue().path("href").asText();
			if (!href.contains("{")) {
				outputs.add(link.getKey() + ": " + operatorGet(href.substring(href.indexOf("/actuator"))));
			}
		});
		outputs.add(http.post("/api/dtmsvr/submit", "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"steps\":[{}]}")
			.body());
		outputs.add(http.post("/api/dtmsvr/forceStop", "{\"gid\":\"" + gid + "\"}").body());
		outputs.add(operatorGet("/api/dtmsvr/queryKV?cat=topics&key=none"));
		outputs.add(http.get("/console/transaction?gid=" + gid).body());
		for (String page : List.of("/console/transaction?gid=" + gid, "/console/transactions", "/console/health",
				"/console/audit", "/login")) {
			outputs.add(this.mvc.perform(get(page).with(user("olga").roles("OPERATOR")))
				.andReturn()
				.getResponse()
				.getContentAsString());
		}
		outputs.add(log.getAll());

		assertThat(outputs).as("the console page shows the transaction (so the scan saw it)")
			.anySatisfy((output) -> assertThat(output).contains(gid).contains("Authorization"));
		assertThat(outputs).as("the env endpoint was read")
			.anySatisfy((output) -> assertThat(output).startsWith("env:"));
		for (String secret : SECRETS) {
			assertThat(outputs).as("outputs holding %s", secret).noneMatch((output) -> output.contains(secret));
		}
	}

	/** What an operator's token reads. */
	private String operatorGet(String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
					.header("Authorization", "Bearer " + API_TOKEN)
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
