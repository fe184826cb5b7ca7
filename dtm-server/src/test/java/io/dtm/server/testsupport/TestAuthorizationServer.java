package io.dtm.server.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server on
 * {@code http://localhost:<port>} (a different cookie host than the coordinator's
 * {@code 127.0.0.1}), with one confidential client and users whose ID tokens carry a
 * {@code roles} claim.
 */
public final class TestAuthorizationServer implements AutoCloseable {

	/** The client id registered for the console. */
	public static final String CLIENT_ID = "dtm-console";

	/** The client secret. */
	public static final String CLIENT_SECRET = "console-secret";

	/** The password of every user. */
	public static final String PASSWORD = "idp-password";

	/** The roles claim by user name of the provider started last. */
	private static volatile Map<String, List<String>> currentRoles = Map.of();

	private final ConfigurableApplicationContext context;

	private final int port;

	private TestAuthorizationServer(ConfigurableApplicationContext context, int port) {
		this.context = context;
		this.port = port;
	}

	/**
	 * Start the provider.
	 * @param redirectUri the client's redirect URI
	 * @param roles the {@code roles} claim of each user (a user not listed has none)
	 * @return the running provider
	 */
	public static TestAuthorizationServer start(String redirectUri, Map<String, List<String>> roles) {
		int port = freePort();
		currentRoles = Map.copyOf(roles);
		String client = "spring.security.oauth2.authorizationserver.client.console.";
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class).run(
				"--server.port=" + port, "--spring.main.banner-mode=off",
				"--spring.security.oauth2.authorizationserver.issuer=http://localhost:" + port,
				"--" + client + "registration.client-id=" + CLIENT_ID,
				"--" + client + "registration.client-secret={noop}" + CLIENT_SECRET,
				"--" + client + "registration.client-authentication-methods=client_secret_basic",
				"--" + client + "registration.authorization-grant-types=authorization_code",
				"--" + client + "registration.redirect-uris=" + redirectUri,
				"--" + client + "registration.scopes=openid,profile",
				"--" + client + "require-authorization-consent=false");
		return new TestAuthorizationServer(context, port);
	}

	/**
	 * The issuer URI.
	 * @return {@code http://localhost:<port>}
	 */
	public String issuer() {
		return "http://localhost:" + this.port;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * A free local port.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// a test component: the coordinator's component scan in test contexts skips it
	@TestConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			SecurityAutoConfiguration.class, OAuth2AuthorizationServerAutoConfiguration.class,
			OAuth2AuthorizationServerJwtAutoConfiguration.class })
	static class Provider {

		@Bean
		UserDetailsService users() {
			InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
			for (String name : List.of("ida", "vic", "nora")) {
				users.createUser(User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build());
			}
			return users;
		}

		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
			return (context) -> {
				if ("id_token".equals(context.getTokenType().getValue())) {
					context.getClaims()
						.claim("roles", currentRoles.getOrDefault(context.getPrincipal().getName(), List.of()));
				}
			};
		}

	}

}
