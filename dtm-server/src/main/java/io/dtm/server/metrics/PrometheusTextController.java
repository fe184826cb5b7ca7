package io.dtm.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "metrics", description = "Prometheus metrics with dtm's names.")
public class PrometheusTextController {

	private final ObjectProvider<PrometheusMeterRegistry> registry;

	PrometheusTextController(ObjectProvider<PrometheusMeterRegistry> registry) {
		this.registry = registry;
	}

	@GetMapping("/api/metrics")
	@Operation(summary = "Prometheus metrics",
			description = "The text `/actuator/prometheus` serves, with dtm's "
					+ "metric names, at the path dtm's dashboards and scrape configurations use.")
	@ApiResponse(responseCode = "200", description = "Prometheus text format 0.0.4.",
			content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404",
			description = "Prometheus export is off "
					+ "(`management.prometheus.metrics.export.enabled=false`); a plain-text message.",
			content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
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
