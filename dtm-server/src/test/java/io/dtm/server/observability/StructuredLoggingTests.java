package io.dtm.server.observability;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.testsupport.CoordinatorProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code logging.structured.format.console=ecs} (the Helm chart's
 * {@code logging.format}) the coordinator writes one JSON object per log line. It runs as
 * a process of its own: Logback's configuration is global to a JVM, and a test context
 * switching it to JSON would leave every later test of the same JVM logging JSON.
 */
@Tag("integration")
class StructuredLoggingTests {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	@Test
	void whenTheEcsFormatIsSetLogLinesShouldBeJsonObjects() throws Exception {
		try (CoordinatorProcess coordinator = CoordinatorProcess.start("structured-logs",
				List.of("--logging.structured.format.console=ecs"))) {
			List<String> lines = coordinator.logText().lines().filter((line) -> !line.isBlank()).toList();

			assertThat(lines).isNotEmpty();
			for (String text : lines) {
				JsonNode line = MAPPER.readTree(text);
				assertThat(line.isObject()).as(text).isTrue();
				assertThat(line.path("ecs").path("version").isMissingNode()).as(text).isFalse();
			}
			assertThat(lines).map(MAPPER::readTree)
				.anySatisfy(
						(line) -> assertThat(line.path("message").asText()).startsWith("Started DtmServerApplication"))
				.allSatisfy((line) -> assertThat(line.path("log").path("level").asText()).isNotEmpty());
		}
	}

}
