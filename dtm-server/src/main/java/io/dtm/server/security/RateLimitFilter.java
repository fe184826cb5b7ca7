package io.dtm.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After: 1} and a JSON message, as dtm's errors, to a
 * client address over {@code dtm.server.limits.rate-per-client}.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final ClientRateLimiter limiter;

	private final String message;

	RateLimitFilter(ClientRateLimiter limiter, int ratePerClient) {
		this.limiter = limiter;
		this.message = "{\"message\":\"more than " + ratePerClient
				+ " calls per second from this client (dtm.server.limits.rate-per-client); retry later\"}";
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.limiter.tryAcquire(request.getRemoteAddr())) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(429);
		response.setHeader("Retry-After", "1");
		response.setContentType("application/json");
		response.getOutputStream().write(this.message.getBytes(StandardCharsets.UTF_8));
	}

}
