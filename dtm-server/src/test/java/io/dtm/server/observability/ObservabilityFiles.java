package io.dtm.server.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus alert rules shipped in the repository, and the
 * PromQL expressions they run.
 */
public final class ObservabilityFiles {

	/**
	 * The dashboard, relative to the dtm-server module (the tests' working directory).
	 */
	public static final Path DASHBOARD = Path.of("..", "helm", "dtm-server", "files", "dtm-server-dashboard.json");

	/** The plain rules file. */
	public static final Path ALERTS = Path.of("..", "config", "prometheus", "dtm-server-alerts.yaml");

	private ObservabilityFiles() {
	}

	/**
	 * Every {@code expr} of the dashboard's panels.
	 * @return the expressions
	 * @throws IOException when the file cannot be read
	 */
	static List<String> dashboardExpressions() throws IOException {
		JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
		List<String> expressions = new ArrayList<>();
		for (JsonNode expr : dashboard.path("panels").findValues("expr")) {
			expressions.add(expr.asText());
		}
		return expressions;
	}

	/**
	 * The metric names of the dashboard's variables
	 * ({@code label_values(metric, label)}).
	 * @return the names
	 * @throws IOException when the file cannot be read
	 */
	static List<String> dashboardVariableMetrics() throws IOException {
		JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
		List<String> names = new ArrayList<>();
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			String definition = variable.path("definition").asText("");
			if (definition.startsWith("label_values(")) {
				names.addAll(PromQlNames.of(definition.substring("label_values(".length(), definition.indexOf(','))));
			}
		}
		return names;
	}

	/**
	 * Every rule of a rules document ({@code groups}, as in a rules file or a
	 * PrometheusRule's spec).
	 * @param rules the parsed document
	 * @return the rules
	 */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> rules(Map<String, Object> rules) {
		List<Map<String, Object>> all = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			all.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return all;
	}

	/**
	 * The parsed plain rules file.
	 * @return the document
	 * @throws IOException when the file cannot be read
	 */
	public static Map<String, Object> alertsFile() throws IOException {
		return new Yaml().load(Files.readString(ALERTS));
	}

}
