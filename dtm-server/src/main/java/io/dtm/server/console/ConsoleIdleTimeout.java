package io.dtm.server.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session after {@code dtm.server.console.session-timeout} without a
 * request of the operator's own: the list's auto-refresh (htmx requests, header
 * {@code HX-Request}) does not count as activity, so an open tab does not keep a session
 * alive forever. An ended session is invalidated before authorization, which then sends
 * the login page (or, to htmx, a 401 with {@code HX-Redirect}).
 */
class ConsoleIdleTimeout extends OncePerRequestFilter {

	/** Requests sent by htmx, not by the operator. */
	static final RequestMatcher HTMX = new RequestHeaderRequestMatcher("HX-Request", "true");

	static final String LAST_ACTIVITY = ConsoleIdleTimeout.class.getName() + ".lastActivity";

	private final Duration timeout;

	private final Clock clock;

	ConsoleIdleTimeout(Duration timeout, Clock clock) {
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			long now = this.clock.millis();
			Object last = session.getAttribute(LAST_ACTIVITY);
			if (last instanceof Long since && now - since > this.timeout.toMillis()) {
				session.invalidate();
				SecurityContextHolder.clearContext();
			}
			else if (!HTMX.matches(request)) {
				session.setAttribute(LAST_ACTIVITY, now);
			}
		}
		chain.doFilter(request, response);
	}

}
