package io.dtm.server.api.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import io.dtm.core.TransRequest;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The document-wide parts of the OpenAPI description springdoc serves at
 * {@code /v3/api-docs}: title, the build's version, the default server and the API token
 * scheme; and the customizer that adds the answers every API call can get. Off with
 * {@code springdoc.api-docs.enabled=false}, as springdoc itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
class OpenApiConfiguration {

	/** The name of the bearer token scheme in {@code components.securitySchemes}. */
	static final String API_TOKEN = "apiToken";

	private static final String DESCRIPTION = """
			dtm's HTTP API as dtm-server serves it: existing dtm clients (the Go SDK, dtmcli-java, ...) work \
			against it unchanged. Bodies are read as JSON whatever their `Content-Type` says, and unknown fields \
			are ignored. A successful action answers 200 `{"dtm_result":"SUCCESS"}`; errors answer 400 (bad \
			input, nothing written), 409 `{"dtm_result":"FAILURE"}` (conflict with the stored state), 425 \
			`{"dtm_result":"ONGOING"}` (not finished yet) or 500, always with a `message`: the status code is the \
			contract. Requests to unknown paths (404) or with a wrong method (405) get Spring Boot's error body. \
			See docs/api.md for the rules behind each answer.""";

	@Bean
	OpenAPI dtmOpenApi() {
		// the controllers read io.dtm.core.TransRequest, which stays free of OpenAPI
		// annotations; its documented twin describes it
		SpringDocUtils.getConfig().replaceWithClass(TransRequest.class, ApiRequests.TransRequest.class);
		return new OpenAPI()
			.info(new Info().title("dtm-server HTTP API").version(buildVersion()).description(DESCRIPTION))
			.servers(List.of(new Server().url("http://localhost:36789")
				.description("A coordinator on this machine, at the port every dtm client uses by default")))
			.components(new Components()
				.addSecuritySchemes(API_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("Only with `dtm.server.security.api.authentication=token`: a token of "
							+ "`dtm.server.security.api.tokens` (an `OPERATOR` one for the operator calls when "
							+ "`dtm.server.security.api.operator-calls=operator`). Without it no token is needed.")));
	}

	@Bean
	OpenApiCustomizer dtmApiAnswers() {
		return new ApiAnswersCustomizer();
	}

	/**
	 * The project version, written into {@code build.properties} by Maven's resource
	 * filtering.
	 */
	private static String buildVersion() {
		try (InputStream in = OpenApiConfiguration.class.getResourceAsStream("build.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
