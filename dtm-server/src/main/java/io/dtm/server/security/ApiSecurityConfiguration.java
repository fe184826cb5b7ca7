package io.dtm.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.config.DtmServerProperties.ActuatorAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Spring Security for dtm's API and Actuator (the console's chain guards only the
 * console's paths). With the defaults nothing is restricted and the chain matches no
 * request, so dtm's clients see the API exactly as before. Otherwise:
 * <ul>
 * <li>{@code /api/ping} and {@code /api/health} are open (probes);</li>
 * <li>every other {@code /api/**} call comes from a client network and, with
 * {@code authentication=token}, carries a configured token;</li>
 * <li>the operator calls ({@link ApiAccess#OPERATOR_PATHS}) need an {@code OPERATOR}
 * token when {@code operator-calls=operator};</li>
 * <li>{@code /actuator/health} and {@code /actuator/info} are open (health shows details
 * only to operators when {@code show-details: when-authorized}),
 * {@code /actuator/prometheus} and {@code /actuator/dtm} as configured, any other
 * endpoint needs an {@code OPERATOR} token.</li>
 * </ul>
 * Refusals answer 401 (no or an unknown token, with {@code WWW-Authenticate: Bearer}) or
 * 403 (wrong network or role) with a JSON {@code message}, as dtm's errors.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

	private static final String RATE_LIMITED = "${dtm.server.limits.rate-per-client:0} > 0";

	@Bean
	ApiAccess apiAccess(DtmServerProperties properties) {
		DtmServerProperties.Api api = properties.getSecurity().getApi();
		ApiAccess access = new ApiAccess(api, new ApiTokens(api.getTokens()));
		if (access.restricts()) {
			logger.info("API access: tokens {}, operator calls {}, client networks {}",
					access.tokenRequired() ? "required" : "not required",
					access.operatorCallsRestricted() ? "need an OPERATOR token" : "open",
					api.getClientNetworks().isEmpty() ? "any" : api.getClientNetworks());
		}
		return access;
	}

	/**
	 * The same rules on dtm's gRPC service.
	 * @param access the rules
	 * @return the interceptor, applied to every gRPC service
	 */
	@Bean
	@GlobalServerInterceptor
	GrpcApiAccessInterceptor grpcApiAccessInterceptor(ApiAccess access, ObjectProvider<ClientRateLimiter> limiter) {
		return new GrpcApiAccessInterceptor(access, limiter.getIfAvailable());
	}

	/**
	 * The per-client rate limit, when {@code dtm.server.limits.rate-per-client} is set.
	 * @param properties the limits
	 * @return the limiter
	 */
	@Bean
	@ConditionalOnExpression(RATE_LIMITED)
	ClientRateLimiter clientRateLimiter(DtmServerProperties properties) {
		DtmServerProperties.Limits limits = properties.getLimits();
		return new ClientRateLimiter(limits.getRatePerClient(), limits.getRateBurst(), System::nanoTime);
	}

	/**
	 * The chain of the API and Actuator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Servlet {

		@Bean
		@ConditionalOnExpression(RATE_LIMITED)
		FilterRegistrationBean<RateLimitFilter> dtmRateLimitFilter(ClientRateLimiter limiter,
				DtmServerProperties properties) {
			FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
					new RateLimitFilter(limiter, properties.getLimits().getRatePerClient()));
			registration.addUrlPatterns("/api/dtmsvr/*", "/api/json-rpc");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
			return registration;
		}

		@Bean
		@Order(1)
		SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiAccess access, DtmServerProperties properties,
				ObjectMapper objectMapper) throws Exception {
			DtmServerProperties.Actuator actuator = properties.getSecurity().getActuator();
			boolean actuatorRestricted = actuator.getDiagnostics() == ActuatorAccess.OPERATOR
					|| actuator.getPrometheus() == ActuatorAccess.OPERATOR;
			if (!access.restricts() && !actuatorRestricted) {
				return http.securityMatcher((request) -> false).build();
			}
			AuthenticationManager tokens = (authentication) -> {
				String token = ((ApiTokenAuthentication) authentication).token();
				Optional<ApiCaller> caller = access.caller(token);
				if (caller.isEmpty() && !access.tokenRequired()) {
					// a bearer meant for someone else (a gateway's JWT) where no token is
					// needed: the call goes on unauthenticated, as it did before
					return null;
				}
				return caller.map(ApiTokenAuthentication::of)
					.orElseThrow(() -> new BadCredentialsException(ApiAccess.UNKNOWN_TOKEN));
			};
			AuthenticationFilter bearer = new AuthenticationFilter(tokens,
					(request) -> ApiAccess.bearer(request.getHeader("Authorization"))
						.map(ApiTokenAuthentication::unauthenticated)
						.orElse(null));
			bearer.setSuccessHandler((request, response, authentication) -> {
			});
			bearer.setFailureHandler((request, response, ex) -> refuse(objectMapper, response, 401, ex.getMessage()));
			AuthorizationManager<RequestAuthorizationContext> client = (auth,
					context) -> decision(access.networkAllowed(context.getRequest().getRemoteAddr())
							&& (!access.tokenRequired() || hasRole(auth, ApiTokenAuthentication.CLIENT)));
			AuthorizationManager<RequestAuthorizationContext> operator = (auth,
					context) -> decision(access.networkAllowed(context.getRequest().getRemoteAddr())
							&& hasRole(auth, ApiTokenAuthentication.OPERATOR));
			http.securityMatcher("/api/**", "/actuator/**")
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache((cache) -> cache.disable())
				.httpBasic((basic) -> basic.disable())
				.formLogin((form) -> form.disable())
				.logout((logout) -> logout.disable())
				.authorizeHttpRequests((requests) -> {
					requests.requestMatchers("/api/ping", "/api/health").permitAll();
					if (access.operatorCallsRestricted()) {
						requests.requestMatchers(ApiAccess.OPERATOR_PATHS.toArray(String[]::new)).access(operator);
					}
					requests.requestMatchers("/api/**").access(client);
					requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
					requests.requestMatchers("/actuator/prometheus")
						.access((actuator.getPrometheus() == ActuatorAccess.PUBLIC) ? (auth, context) -> decision(true)
								: operator);
					requests.requestMatchers("/actuator/dtm", "/actuator/dtm/**")
						.access((actuator.getDiagnostics() == ActuatorAccess.PUBLIC) ? (auth, context) -> decision(true)
								: operator);
					requests.anyRequest().access(operator);
				})
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint(
							(request, response, ex) -> unauthenticated(objectMapper, access, request, response))
					.accessDeniedHandler(
							(request, response, ex) -> refuse(objectMapper, response, 403, denied(access, request))));
			if (access.hasTokens()) {
				// without tokens an Authorization header is ignored, as before
				http.addFilterBefore(bearer, AuthorizationFilter.class);
			}
			return http.build();
		}

		private static AuthorizationDecision decision(boolean granted) {
			return new AuthorizationDecision(granted);
		}

		private static boolean hasRole(Supplier<Authentication> authentication, String role) {
			Authentication auth = authentication.get();
			return auth != null && auth.isAuthenticated()
					&& auth.getAuthorities().stream().anyMatch((a) -> a.getAuthority().equals("ROLE_" + role));
		}

		private static void unauthenticated(ObjectMapper objectMapper, ApiAccess access, HttpServletRequest request,
				HttpServletResponse response) throws IOException {
			if (!access.networkAllowed(request.getRemoteAddr())) {
				refuse(objectMapper, response, 403, access.networkRefusal(request.getRemoteAddr()));
				return;
			}
			refuse(objectMapper, response, 401, ApiAccess.TOKEN_NEEDED);
		}

		private static String denied(ApiAccess access, HttpServletRequest request) {
			if (!access.networkAllowed(request.getRemoteAddr())) {
				return access.networkRefusal(request.getRemoteAddr());
			}
			return ApiAccess.OPERATOR_NEEDED;
		}

		private static void refuse(ObjectMapper objectMapper, HttpServletResponse response, int status, String message)
				throws IOException {
			response.setStatus(status);
			if (status == 401) {
				response.setHeader("WWW-Authenticate", "Bearer");
			}
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			objectMapper.writeValue(response.getOutputStream(), Map.of("message", message));
		}

	}

}
