package io.dtm.server.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.dtm.server.helm.HelmChart.path;
import static io.dtm.server.helm.HelmChart.render;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the chart's {@code tracing} values: they reach the coordinator as Spring
 * Boot's {@code management.tracing.*} and {@code management.otlp.tracing.*} environment
 * variables.
 */
@Tag("integration")
class HelmTracingTests {

	@Test
	void whenDefaultValuesAreRenderedShouldTraceWithBootsSamplingAndExportNothing() {
		Map<String, String> env = env(render(null));

		assertThat(env).containsEntry("MANAGEMENT_TRACING_ENABLED", "true")
			.containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.1")
			.doesNotContainKey("MANAGEMENT_OTLP_TRACING_ENDPOINT");
	}

	@Test
	void whenAnOtlpEndpointIsSetShouldExportThereWithTheGivenSampling(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("tracing.yaml"), """
				tracing:
				  samplingProbability: 0.5
				  otlpEndpoint: http://otel-collector.monitoring:4318/v1/traces
				""");

		Map<String, String> env = env(render(values));

		assertThat(env).containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.5")
			.containsEntry("MANAGEMENT_OTLP_TRACING_ENDPOINT", "http://otel-collector.monitoring:4318/v1/traces");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> env(HelmChart.Manifests manifests) {
		List<Map<String, Object>> env = (List<Map<String, Object>>) path(manifests.only("Deployment"),
				"spec.template.spec.containers.0.env");
		return env.stream()
			.filter((entry) -> entry.containsKey("value"))
			.collect(Collectors.toMap((entry) -> (String) entry.get("name"),
					(entry) -> String.valueOf(entry.get("value"))));
	}

}
