package io.dtm.server.console;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.diagnostics.DiagnosticFact;
import io.dtm.server.service.TransCoordinator;
import io.dtm.server.store.AuditTrail;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.TransStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The operator console and its security. Spring Security guards only the console's paths
 * ({@link ConsolePaths#ALL}); dtm's API ({@code /api/...}), JSON-RPC and Actuator are not
 * matched by this chain and stay as they were. When the console is served every console
 * page requires a login (form login against {@code dtm.server.console.users}), actions
 * (POST) require the {@code OPERATOR} role and carry a CSRF token; when it is not served,
 * {@code /} answers a page saying how to enable it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleConfiguration.class);

	@Bean
	ConsoleAccess consoleAccess(ConsoleProperties properties, ObjectProvider<ClientRegistrationRepository> oidc) {
		ConsoleAccess access = ConsoleAccess.of(properties, oidc.getIfAvailable() != null);
		if (access.enabled()) {
			logger.info("Operator console at / for {} configured user(s){}; login required",
					properties.getUsers().size(), (oidc.getIfAvailable() != null) ? " and OpenID Connect" : "");
		}
		else {
			logger.info("Operator console disabled: {}. See docs/console.md to enable it", access.reason());
		}
		return access;
	}

	/**
	 * The firewall Spring Security applies to every request, relaxed for dtm's API as it
	 * was before Spring Security came (see {@link ApiPathsFirewall}).
	 * @return the firewall
	 */
	@Bean
	HttpFirewall apiPathsFirewall() {
		return new ApiPathsFirewall();
	}

	@Bean
	ConsoleRedaction consoleRedaction(ConsoleProperties properties, ObjectMapper objectMapper) {
		return new ConsoleRedaction(properties.isShowBranchSecrets(), objectMapper);
	}

	@Bean
	DiagnosticFact consoleDiagnosticFact(ConsoleAccess access, ConsoleProperties properties) {
		Map<String, Object> console = new LinkedHashMap<>();
		console.put("enabled", access.enabled());
		if (!access.enabled()) {
			console.put("reason", access.reason());
			console.put("action", "configure dtm.server.console.users (docs/console.md)");
		}
		return new DiagnosticFact() {

			@Override
			public String name() {
				return "console";
			}

			@Override
			public Object value() {
				return console;
			}

		};
	}

	@Bean
	UserDetailsService consoleUserDetailsService(ConsoleProperties properties) {
		return ConsoleUsers.of(properties.getUsers());
	}

	@Bean
	PasswordEncoder consolePasswordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	static RoleHierarchy consoleRoleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix().role("OPERATOR").implies("VIEWER").build();
	}

	@Bean
	ConsoleTransactions consoleTransactions(TransCoordinator coordinator, TransStore store, BranchCallLog callLog,
			AuditTrail auditTrail, ObjectMapper objectMapper, ConsoleProperties properties) {
		return new ConsoleTransactions(coordinator, store, callLog, auditTrail, Clock.systemUTC(),
				properties.getRefreshInterval());
	}

	/**
	 * Without a login: the login page, or for htmx (the list's auto-refresh) a 401 with
	 * {@code HX-Redirect}, so that htmx loads the login page instead of swapping it into
	 * the list.
	 */
	private static AuthenticationEntryPoint loginEntryPoint() {
		LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
		entryPoints.put(ConsoleIdleTimeout.HTMX, (request, response, ex) -> {
			response.setHeader("HX-Redirect", request.getContextPath() + ConsolePaths.LOGIN);
			response.setStatus(401);
		});
		DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
		entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint(ConsolePaths.LOGIN));
		return entryPoint;
	}

	@Bean
	SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, ConsoleAccess access,
			ConsoleProperties properties, ObjectProvider<ClientRegistrationRepository> oidc) throws Exception {
		http.securityMatcher(ConsolePaths.ALL);
		if (!access.enabled()) {
			// nothing can act: every console path only leads to the page that says how to
			// enable the console
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).csrf((csrf) -> csrf.disable());
			return http.build();
		}
		SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler() {

			@Override
			public void onAuthenticationSuccess(jakarta.servlet.http.HttpServletRequest request,
					jakarta.servlet.http.HttpServletResponse response,
					org.springframework.security.core.Authentication authentication)
					throws java.io.IOException, jakarta.servlet.ServletException {
				request.getSession().setMaxInactiveInterval((int) properties.getSessionTimeout().toSeconds());
				super.onAuthenticationSuccess(request, response, authentication);
			}

		};
		success.setDefaultTargetUrl(ConsolePaths.TRANSACTIONS);
		// the list's auto-refresh is no page to return to after a login
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setRequestMatcher(new AndRequestMatcher(new NegatedRequestMatcher(ConsoleIdleTimeout.HTMX),
				(request) -> "GET".equals(request.getMethod())));
		success.setRequestCache(requestCache);
		http.requestCache((cache) -> cache.requestCache(requestCache))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(loginEntryPoint()))
			.addFilterBefore(new ConsoleIdleTimeout(properties.getSessionTimeout(), Clock.systemUTC()),
					AuthorizationFilter.class);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(ConsolePaths.PUBLIC)
			.permitAll()
			.requestMatchers(HttpMethod.POST, ConsolePaths.ACTIONS)
			.hasRole(ConsoleRole.OPERATOR.name())
			.anyRequest()
			.hasRole(ConsoleRole.VIEWER.name()))
			.formLogin((form) -> form.loginPage(ConsolePaths.LOGIN).successHandler(success).permitAll())
			.logout((logout) -> logout.logoutUrl(ConsolePaths.LOGOUT).logoutSuccessUrl(ConsolePaths.LOGIN + "?logout"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp
				.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
						+ "form-action 'self'; frame-ancestors 'none'")));
		if (oidc.getIfAvailable() != null) {
			http.oauth2Login((login) -> login.loginPage(ConsolePaths.LOGIN)
				.successHandler(success)
				.userInfoEndpoint(
						(userInfo) -> userInfo.userAuthoritiesMapper(new ConsoleOidcRoles(properties.getOidc()))));
		}
		return http.build();
	}

}
