package io.dtm.server.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart in {@code helm/dtm-server} rendered by real Helm (helm-java runs Helm as a
 * library) as release {@code dtm} in namespace {@code payments}.
 */
final class HelmChart {

	/**
	 * The chart directory, relative to the dtm-server module (the tests' working
	 * directory).
	 */
	static final Path CHART = Path.of("..", "helm", "dtm-server");

	/** The production example values. */
	static final Path PRODUCTION = CHART.resolve("examples/production-values.yaml");

	private HelmChart() {
	}

	/**
	 * Render the chart.
	 * @param valuesFile a values file, or {@code null} for the defaults
	 * @return the rendered manifests
	 */
	static Manifests render(Path valuesFile) {
		var command = new Helm(CHART).template().withName("dtm").withNamespace("payments");
		if (valuesFile != null) {
			command = command.withValuesFile(valuesFile);
		}
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(command.call())) {
			if (document instanceof Map<?, ?> map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = (Map<String, Object>) map;
				documents.add(typed);
			}
		}
		return new Manifests(documents);
	}

	/**
	 * Dotted path with list indexes; {@code \.} escapes a dot in a key.
	 * @param root a parsed YAML document
	 * @param path the path
	 * @return the value, {@code null} when the last key is missing
	 */
	@SuppressWarnings("unchecked")
	static Object path(Object root, String path) {
		Object current = root;
		for (String part : path.split("(?<!\\\\)\\.")) {
			String key = part.replace("\\.", ".");
			if (current instanceof List<?> list) {
				current = list.get(Integer.parseInt(key));
			}
			else if (current instanceof Map<?, ?> map) {
				current = ((Map<String, Object>) map).get(key);
			}
			else {
				throw new AssertionError("no " + path + " (stopped at " + key + ")");
			}
		}
		return current;
	}

	/**
	 * The rendered manifests.
	 *
	 * @param documents the YAML documents
	 */
	record Manifests(List<Map<String, Object>> documents) {

		List<String> kinds() {
			return this.documents.stream().map((d) -> (String) d.get("kind")).toList();
		}

		Map<String, Object> only(String kind) {
			List<Map<String, Object>> matching = this.documents.stream()
				.filter((d) -> kind.equals(d.get("kind")))
				.toList();
			assertThat(matching).as("exactly one %s in %s", kind, kinds()).hasSize(1);
			return matching.get(0);
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> container() {
			return (Map<String, Object>) path(only("Deployment"), "spec.template.spec.containers.0");
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> envs() {
			return (List<Map<String, Object>>) container().get("env");
		}

		/**
		 * The ConfigMap of the coordinator's configuration files (the chart may render
		 * the dashboard's ConfigMap too).
		 * @return the ConfigMap
		 */
		Map<String, Object> applicationConfigMap() {
			List<Map<String, Object>> matching = this.documents.stream()
				.filter((d) -> "ConfigMap".equals(d.get("kind")) && d.get("data") instanceof Map<?, ?> data
						&& data.containsKey("application.yml"))
				.toList();
			assertThat(matching).as("exactly one ConfigMap with application.yml").hasSize(1);
			return matching.get(0);
		}

		@SuppressWarnings("unchecked")
		Map<String, String> configFiles() {
			return (Map<String, String>) path(applicationConfigMap(), "data");
		}

	}

}
