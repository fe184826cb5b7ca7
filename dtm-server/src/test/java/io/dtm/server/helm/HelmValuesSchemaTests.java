package io.dtm.server.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static io.dtm.server.helm.HelmChart.CHART;
import static io.dtm.server.helm.HelmChart.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@code helm/dtm-server/values.schema.json}: real Helm validates values against it on
 * install, upgrade, template and lint, so a mistyped key or a wrong value fails with a
 * message naming it instead of being ignored.
 */
class HelmValuesSchemaTests {

	private static final Path SCHEMA = CHART.resolve("values.schema.json");

	@Test
	void whenValuesAreTheDefaultsOrTheProductionExampleHelmShouldAcceptThem() {
		assertThat(SCHEMA).isRegularFile();
		assertThatNoException().isThrownBy(() -> HelmChart.render(null));
		assertThatNoException().isThrownBy(() -> HelmChart.render(PRODUCTION));
		assertThatNoException().isThrownBy(() -> install(PRODUCTION));
	}

	@Test
	void whenATopLevelKeyIsMistypedHelmShouldRefuseItNamingTheKey(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("typo.yaml"), "replicaCont: 2\n");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(values))
			.withMessageContaining("replicaCont");
		assertThatIllegalStateException().isThrownBy(() -> install(values)).withMessageContaining("replicaCont");
	}

	@Test
	void whenANestedKeyIsMistypedHelmShouldRefuseItNamingTheKey(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("typo.yaml"), "store:\n  mysql:\n    maxPoolSize: 5\n");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(values))
			.withMessageContaining("maxPoolSize");
	}

	@Test
	void whenStoreKindIsUnknownHelmShouldRefuseItNamingTheValueAndTheKinds(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("mongo.yaml"), "store:\n  kind: mongo\n");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(values))
			.withMessageContaining("store.kind")
			.withMessageContaining("\"mysql\", \"redis\", \"h2\"");
	}

	@Test
	void whenAValueHasTheWrongTypeHelmShouldRefuseItNamingTheValue(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("type.yaml"), "replicaCount: two\n");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(values))
			.withMessageContaining("replicaCount")
			.withMessageContaining("integer");
	}

	@Test
	void whenTheMysqlStoreHasNoPasswordSecretHelmShouldRefuseIt(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("secret.yaml"),
				"store:\n  mysql:\n    passwordSecret:\n      name: \"\"\n");
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.render(values))
			.withMessageContaining("passwordSecret.name");
	}

	@Test
	void whenTheChartsOwnValuesHaveATypoLintShouldFailNamingIt(@TempDir Path tmp) throws IOException {
		Path chart = copyChart(tmp.resolve("dtm-server"));
		Files.writeString(chart.resolve("values.yaml"),
				Files.readString(chart.resolve("values.yaml")) + "replicaCont: 2\n");
		LintResult result = new Helm(chart).lint().strict().call();
		assertThat(result.isFailed()).isTrue();
		assertThat(result.getMessages()).anySatisfy((message) -> assertThat(message).contains("replicaCont"));
	}

	@Test
	void whenValuesYamlOrTheExampleHaveAKeyTheSchemaShouldDescribeIt() throws IOException {
		JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
		List<String> undescribed = new ArrayList<>();
		for (Path file : List.of(CHART.resolve("values.yaml"), PRODUCTION)) {
			undescribed(load(file), schema, schema, file.getFileName() + ":", undescribed);
		}
		assertThat(undescribed).as("values without a schema entry").isEmpty();
	}

	/**
	 * Keys of {@code values} the schema has no property for, down to free-form objects.
	 */
	private static void undescribed(Map<?, ?> values, JsonNode schema, JsonNode root, String prefix, List<String> out) {
		JsonNode resolved = resolve(schema, root);
		JsonNode properties = resolved.path("properties");
		if (properties.isMissingNode() && !resolved.path("additionalProperties").isObject()) {
			assertThat(resolved.path("type").asText()).as("%s is described as a free-form object", prefix)
				.isEqualTo("object");
			return;
		}
		for (Map.Entry<?, ?> entry : values.entrySet()) {
			String key = prefix + entry.getKey();
			JsonNode property = properties.path(String.valueOf(entry.getKey()));
			if (property.isMissingNode()) {
				property = resolved.path("additionalProperties");
			}
			if (property.isMissingNode() || property.isBoolean()) {
				out.add(key);
			}
			else if (!resolve(property, root).path("description").isTextual()
					&& !property.path("description").isTextual() && properties.has(String.valueOf(entry.getKey()))) {
				out.add(key + " (no description)");
			}
			else if (entry.getValue() instanceof Map<?, ?> nested) {
				undescribed(nested, property, root, key + ".", out);
			}
		}
	}

	private static JsonNode resolve(JsonNode node, JsonNode root) {
		String ref = node.path("$ref").asText("");
		return ref.startsWith("#/") ? root.at(ref.substring(1)) : node;
	}

	private static Map<?, ?> load(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new Yaml().load(in);
		}
	}

	private static void install(Path values) {
		new Helm(CHART).install()
			.withName("dtm")
			.withNamespace("payments")
			.withDryRunOption(DryRun.CLIENT)
			.clientOnly()
			.withValuesFile(values)
			.call();
	}

	private static Path copyChart(Path target) throws IOException {
		try (Stream<Path> files = Files.walk(CHART)) {
			for (Path file : files.toList()) {
				Path copy = target.resolve(CHART.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy);
				}
			}
		}
		return target;
	}

}
