package io.dtm.server.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.helm.HelmChart.Manifests;
import io.dtm.server.observability.ObservabilityFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static io.dtm.server.helm.HelmChart.path;
import static io.dtm.server.helm.HelmChart.render;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's monitoring objects — the Grafana dashboard ConfigMap and the PrometheusRule
 * — its structured log option, and Kubernetes' recommended labels on every object it
 * renders.
 */
class HelmObservabilityTests {

	private static final List<String> STANDARD_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
			"app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
			"app.kubernetes.io/managed-by");

	@Test
	void templateWhenDefaultValuesShouldRenderNoMonitoringObjects() {
		Manifests manifests = render(null);

		assertThat(manifests.kinds()).doesNotContain("PrometheusRule").containsOnlyOnce("ConfigMap");
		assertThat(path(applicationYml(manifests), "logging")).as("plain text logs").isNull();
	}

	@Test
	void templateWhenTheDashboardIsEnabledShouldEmbedTheRepositoryFileForTheSidecar(@TempDir Path tmp)
			throws IOException {
		Manifests manifests = render(Files.writeString(tmp.resolve("dashboard.yaml"), """
				grafana:
				  dashboard:
				    enabled: true
				    annotations:
				      grafana_folder: Payments
				"""));
		Map<String, Object> configMap = configMap(manifests, "dtm-dtm-server-dashboard");
		assertThat(path(configMap, "metadata.labels.grafana_dashboard")).isEqualTo("1");
		assertThat(path(configMap, "metadata.annotations.grafana_folder")).isEqualTo("Payments");
		String embedded = (String) path(configMap, "data.dtm-server-dashboard\\.json");
		ObjectMapper json = new ObjectMapper();
		assertThat(json.readTree(embedded)).isEqualTo(json.readTree(ObservabilityFiles.DASHBOARD.toFile()));
		assertThat(embedded.strip()).isEqualTo(Files.readString(ObservabilityFiles.DASHBOARD).strip());
	}

	@Test
	void templateWhenThePrometheusRuleIsEnabledShouldEqualTheRulesFile(@TempDir Path tmp) throws IOException {
		Manifests manifests = render(Files.writeString(tmp.resolve("rules.yaml"), """
				fullnameOverride: dtm-server
				prometheusRule:
				  enabled: true
				  labels:
				    release: kube-prometheus-stack
				"""));
		Map<String, Object> rule = manifests.only("PrometheusRule");
		assertThat(path(rule, "metadata.labels.release")).isEqualTo("kube-prometheus-stack");
		assertThat(path(rule, "spec")).as("config/prometheus/dtm-server-alerts.yaml is this spec, rendered")
			.isEqualTo(ObservabilityFiles.alertsFile());
		List<Map<String, Object>> rules = ObservabilityFiles.rules(ObservabilityFiles.alertsFile());
		assertThat(rules).extracting((r) -> r.get("alert"))
			.contains("DtmServerDown", "DtmTransactionsOverdue", "DtmBranchErrorRatioHigh", "DtmStoreUnreachable",
					"DtmCronNotPolling");
		assertThat(rules).allSatisfy((r) -> {
			Map<String, Object> annotations = asMap(r.get("annotations"));
			assertThat(annotations).containsKeys("summary", "description", "runbook_url");
			assertThat((String) annotations.get("runbook_url")).startsWith("docs/operations.md#dtm");
		});
	}

	@Test
	void templateWhenThresholdsAndJobAreSetTheExpressionsShouldUseThem(@TempDir Path tmp) throws IOException {
		Manifests manifests = render(Files.writeString(tmp.resolve("thresholds.yaml"), """
				prometheusRule:
				  enabled: true
				  job: payments-dtm
				  runbookUrl: https://wiki.example.com/dtm/operations
				  thresholds:
				    timeoutFactor: 5
				    branchErrorRatio: 0.2
				"""));
		List<Map<String, Object>> rules = ObservabilityFiles
			.rules(asMap(path(manifests.only("PrometheusRule"), "spec")));
		assertThat(expr(rules, "DtmTransactionsOverdue")).endsWith("> 5").contains("{job=\"payments-dtm\"}");
		assertThat(expr(rules, "DtmBranchErrorRatioHigh")).endsWith("> 0.2");
		assertThat(rules).allSatisfy((r) -> assertThat(((Map<?, ?>) r.get("annotations")).get("runbook_url")).asString()
			.startsWith("https://wiki.example.com/dtm/operations#"));
	}

	@Test
	void templateWhenProductionValuesShouldInstallTheRulesTheDashboardAndJsonLogs() {
		Manifests manifests = render(HelmChart.PRODUCTION);

		assertThat(path(manifests.only("PrometheusRule"), "metadata.labels.release")).isEqualTo("prometheus");
		assertThat(configMap(manifests, "dtm-dtm-server-dashboard")).isNotNull();
		assertThat(path(applicationYml(manifests), "logging.structured.format.console")).isEqualTo("ecs");
	}

	@Test
	void templateWhenAStructuredLogFormatIsSetShouldConfigureTheConsole(@TempDir Path tmp) throws IOException {
		Manifests manifests = render(Files.writeString(tmp.resolve("logging.yaml"), "logging:\n  format: ecs\n"));

		assertThat(path(applicationYml(manifests), "logging.structured.format.console")).isEqualTo("ecs");
	}

	@Test
	void templateWhenEveryOptionalObjectIsOnEveryObjectShouldCarryTheStandardLabels(@TempDir Path tmp)
			throws IOException {
		Manifests manifests = render(Files.writeString(tmp.resolve("all.yaml"), """
				store:
				  kind: h2
				serviceMonitor:
				  enabled: true
				networkPolicy:
				  enabled: true
				grafana:
				  dashboard:
				    enabled: true
				prometheusRule:
				  enabled: true
				"""));
		assertThat(manifests.kinds()).contains("Deployment", "Service", "ConfigMap", "ServiceAccount",
				"PersistentVolumeClaim", "ServiceMonitor", "NetworkPolicy", "PrometheusRule");
		for (Map<String, Object> document : manifests.documents()) {
			assertThat(asMap(path(document, "metadata.labels"))).as("labels of %s", document.get("kind"))
				.containsKeys(STANDARD_LABELS.toArray(String[]::new))
				.containsEntry("app.kubernetes.io/part-of", "dtm")
				.containsEntry("app.kubernetes.io/component", "coordinator")
				.containsEntry("app.kubernetes.io/managed-by", "Helm");
		}
		assertThat(asMap(path(manifests.only("Deployment"), "spec.template.metadata.labels"))).as("pod labels")
			.containsKeys(STANDARD_LABELS.toArray(String[]::new));
	}

	private static Map<String, Object> configMap(Manifests manifests, String name) {
		return manifests.documents()
			.stream()
			.filter((d) -> "ConfigMap".equals(d.get("kind")) && name.equals(path(d, "metadata.name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ConfigMap " + name));
	}

	private static Map<String, Object> applicationYml(Manifests manifests) {
		return new Yaml().load((String) path(manifests.applicationConfigMap(), "data.application\\.yml"));
	}

	private static String expr(List<Map<String, Object>> rules, String alert) {
		return rules.stream()
			.filter((r) -> alert.equals(r.get("alert")))
			.map((r) -> (String) r.get("expr"))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

}
