package io.dtm.server.observability;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code logging.structured.format.console=ecs} (the Helm chart's
 * {@code logging.format}) the coordinator writes one JSON object per log line.
 */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = "logging.structured.format.console=ecs")
class StructuredLoggingTests {

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@Test
	void whenTheEcsFormatIsSetLogLinesShouldBeJsonObjects(CapturedOutput output) throws Exception {
		LoggerFactory.getLogger(StructuredLoggingTests.class).info("structured line for the test");

		List<String> lines = output.getOut().lines().filter((line) -> line.contains("structured line")).toList();
		assertThat(lines).hasSize(1);
		JsonNode line = new ObjectMapper().readTree(lines.get(0));
		assertThat(line.path("message").asText()).isEqualTo("structured line for the test");
		assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
		assertThat(line.path("ecs").path("version").isMissingNode()).isFalse();
	}

}
