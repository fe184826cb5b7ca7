package io.dtm.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/metrics}: the Prometheus text that {@code /actuator/prometheus} serves, at
 * the path dtm's dashboards and scrape configs use.
 */
@RestController
public class PrometheusTextController {

	private final ObjectProvider<PrometheusMeterRegistry> registry;

	PrometheusTextController(ObjectProvider<PrometheusMeterRegistry> registry) {
		this.registry = registry;
	}

	@GetMapping("/api/metrics")
	ResponseEntity<String> metrics() {
		PrometheusMeterRegistry prometheus = this.registry.getIfAvailable();
		if (prometheus == null) {
			return ResponseEntity.status(404)
				.body("Prometheus export is disabled (management.prometheus.metrics.export.enabled)");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8"))
			.body(prometheus.scrape());
	}

}
