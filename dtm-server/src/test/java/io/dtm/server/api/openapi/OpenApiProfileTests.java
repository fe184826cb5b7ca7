package io.dtm.server.api.openapi;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for where the OpenAPI description is served: on by default, off in the
 * {@code production} profile.
 */
class OpenApiProfileTests {

	private static Object enabled(String file) throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(file, new FileSystemResource(file));
		return sources.stream()
			.map((source) -> source.getProperty("springdoc.api-docs.enabled"))
			.filter((value) -> value != null)
			.map(String::valueOf)
			.findFirst()
			.orElse(null);
	}

	@Test
	void whenTheProductionProfileIsActiveTheDescriptionShouldNotBeServed() throws IOException {
		assertThat(enabled("../config/application-production.yml")).isEqualTo("false");
	}

	@Test
	void whenNoProfileIsActiveTheDescriptionShouldBeServed() throws IOException {
		assertThat(enabled("src/main/resources/application.yml")).as("springdoc's default, true").isNull();
	}

}
