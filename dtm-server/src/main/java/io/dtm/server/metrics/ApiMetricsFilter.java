package io.dtm.server.metrics;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts and times the dtm API calls as dtm does:
 * {@code dtm_server_process_total{type,api,status}} and
 * {@code dtm_server_response_duration{type,api}} (seconds, a histogram with dtm's
 * buckets), where {@code api} is the last literal segment of the matched route in lower
 * case (see {@link #api}) and {@code status} is {@code fail} for HTTP 400 and above.
 * {@code POST /api/json-rpc} counts as {@code api="json-rpc"} (always HTTP 200, so
 * {@code ok}, as in dtm).
 */
public class ApiMetricsFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/api/dtmsvr/";

	/** dtm's JSON-RPC route: counted like its HTTP API, as dtm's middleware does. */
	static final String JSON_RPC = "/api/json-rpc";

	private final MeterRegistry registry;

	public ApiMetricsFilter(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The {@code api} label: the last literal segment of the route that handled the
	 * request ({@code submit}, {@code registerbranch}, {@code topic} for
	 * {@code /topic/{name}}), or {@code unmatched} when no route did (404s). Never a
	 * value taken from the request itself, so the number of series stays fixed.
	 */
	static String api(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (JSON_RPC.equals(pattern)) {
			return "json-rpc";
		}
		if (!(pattern instanceof String route) || !route.startsWith(PREFIX)) {
			return "unmatched";
		}
		String[] segments = route.substring(PREFIX.length()).split("/");
		for (int i = segments.length - 1; i >= 0; i--) {
			if (!segments[i].isEmpty() && !segments[i].contains("{") && !segments[i].contains("*")) {
				return segments[i].toLowerCase(Locale.ROOT);
			}
		}
		return "unmatched";
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return !uri.startsWith(PREFIX) && !uri.equals(JSON_RPC);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			String api = api(request);
			Counter.builder("dtm.server.process")
				.description("Coordinator API requests by transport, API and result (fail: HTTP 400 and above)")
				.tags("type", "http", "api", api, "status", (response.getStatus() >= 400) ? "fail" : "ok")
				.register(this.registry)
				.increment();
			Timer.builder("dtm.server.response.duration")
				.description("Coordinator API response time by transport and API, in seconds")
				.tags("type", "http", "api", api)
				.serviceLevelObjectives(DtmMetricNames.BUCKETS)
				.register(this.registry)
				.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
	}

}
