package io.dtm.server.metrics;

import java.io.IOException;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts and times the dtm API calls as dtm does:
 * {@code dtm_server_process_total{type,api,status}} and
 * {@code dtm_server_response_duration{type,api}} (seconds), where {@code api} is the last
 * path segment in lower case and {@code status} is {@code fail} for HTTP 400 and above.
 */
public class ApiMetricsFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/api/dtmsvr/";

	private final MeterRegistry registry;

	public ApiMetricsFilter(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(PREFIX);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			String uri = request.getRequestURI();
			String api = uri.substring(uri.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
			if (uri.startsWith(PREFIX + "topic/")) {
				api = "topic";
			}
			Counter.builder("dtm.server.process")
				.tags("type", "http", "api", api, "status", (response.getStatus() >= 400) ? "fail" : "ok")
				.register(this.registry)
				.increment();
			DistributionSummary.builder("dtm.server.response.duration")
				.tags("type", "http", "api", api)
				.serviceLevelObjectives(MicrometerEngineMetrics.BUCKETS)
				.register(this.registry)
				.record((System.nanoTime() - started) / 1e9);
		}
	}

}
