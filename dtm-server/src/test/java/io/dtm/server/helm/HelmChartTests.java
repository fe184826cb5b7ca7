package io.dtm.server.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.dtm.server.DtmServerApplication;
import io.dtm.server.testsupport.DtmHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Helm chart in {@code helm/dtm-server}: linted and rendered by real Helm
 * (helm-java runs Helm as a library), with assertions on the rendered manifests — probes
 * on Actuator paths the application really serves, ports matching the application's,
 * secrets referenced and never inlined.
 */
class HelmChartTests {

	private static final Path CHART = Path.of("..", "helm", "dtm-server");

	private static final Path PRODUCTION = CHART.resolve("examples/production-values.yaml");

	@Test
	void lintWhenDefaultValuesShouldPassStrictly() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
	}

	@Test
	void templateWhenDefaultValuesShouldDeployAProductionShapedCoordinator() {
		Manifests manifests = render(null);
		Map<String, Object> deployment = manifests.only("Deployment");
		Map<String, Object> container = container(deployment);
		assertThat(path(container, "image")).isEqualTo("dtm-java/dtm-server:0.1.0");
		assertThat(path(container, "ports.0.containerPort")).isEqualTo(applicationPort());
		assertThat(path(manifests.only("Service"), "spec.ports.0.port")).isEqualTo(applicationPort());
		assertThat(path(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(path(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		assertThat(path(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(path(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
		assertThat(path(deployment, "spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
		assertThat(path(deployment, "spec.template.spec.terminationGracePeriodSeconds"))
			.as("longer than Spring's 20 s shutdown phase plus the cron's 10 s pass grace")
			.isEqualTo(40);
		assertThat(path(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
		assertThat(path(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(path(container, "resources.limits.memory")).isEqualTo("768Mi");
		assertThat(volumeNames(deployment)).containsExactly("config", "tmp");
		assertThat(path(manifests.only("HorizontalPodAutoscaler"), "spec.minReplicas")).isEqualTo(2);
		assertThat(path(manifests.only("PodDisruptionBudget"), "spec.minAvailable")).isEqualTo(1);
		assertThat(manifests.kinds()).doesNotContain("ServiceMonitor", "PersistentVolumeClaim", "Secret");
		assertSecretsAreReferenced(manifests);
		Map<String, Object> config = applicationYml(manifests);
		assertThat(path(config, "spring.datasource.url")).isEqualTo("jdbc:mysql://mysql:3306/dtm");
		assertThat(path(config, "server.port")).isEqualTo(applicationPort());
	}

	@Test
	void templateWhenProductionValuesShouldRegisterInNacosAndBeScraped() {
		Manifests manifests = render(PRODUCTION);
		Map<String, Object> container = container(manifests.only("Deployment"));
		assertThat(env(container, "SPRING_CLOUD_NACOS_DISCOVERY_PASSWORD")).containsEntry("valueFrom",
				Map.of("secretKeyRef", Map.of("name", "dtm-nacos", "key", "password")));
		Map<String, Object> config = applicationYml(manifests);
		assertThat(path(config, "spring.cloud.nacos.discovery.enabled")).isEqualTo(true);
		assertThat(path(config, "spring.cloud.nacos.discovery.service")).isEqualTo("dtmService");
		assertThat(path(manifests.only("ServiceMonitor"), "spec.endpoints.0.path")).isEqualTo("/actuator/prometheus");
		assertThat(path(manifests.only("HorizontalPodAutoscaler"), "spec.minReplicas")).isEqualTo(3);
		assertSecretsAreReferenced(manifests);
	}

	@Test
	void templateWhenEmbeddedStoreShouldRunOnePodWithAWritableDataVolume(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("h2.yaml"), "store:\n  kind: h2\nautoscaling:\n  enabled: false\n");
		Manifests manifests = render(values);
		Map<String, Object> deployment = manifests.only("Deployment");
		assertThat(path(deployment, "spec.replicas")).isEqualTo(1);
		assertThat(path(deployment, "spec.strategy.type")).isEqualTo("Recreate");
		assertThat(volumeNames(deployment)).contains("data");
		assertThat(path(applicationYml(manifests), "dtm.server.store.h2.data-dir")).isEqualTo("/var/lib/dtm");
		assertThat(manifests.kinds()).contains("PersistentVolumeClaim")
			.doesNotContain("HorizontalPodAutoscaler", "PodDisruptionBudget");
	}

	@Test
	void templateWhenRedisStoreShouldConfigureRedisAndReferenceItsPasswordSecret(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("redis.yaml"),
				"store:\n  kind: redis\n  redis:\n    host: redis.cache\n    passwordSecret:\n      name: dtm-redis\n");
		Manifests manifests = render(values);
		Map<String, Object> config = applicationYml(manifests);
		assertThat(path(config, "dtm.server.store.type")).isEqualTo("redis");
		assertThat(path(config, "dtm.server.store.redis.prefix")).isEqualTo("{a}");
		assertThat(path(config, "spring.data.redis.host")).isEqualTo("redis.cache");
		assertThat(path(config, "spring.datasource")).isNull();
		assertThat(env(container(manifests.only("Deployment")), "SPRING_DATA_REDIS_PASSWORD"))
			.containsEntry("valueFrom", Map.of("secretKeyRef", Map.of("name", "dtm-redis", "key", "password")));
		assertThat(volumeNames(manifests.only("Deployment"))).doesNotContain("data");
		assertSecretsAreReferenced(manifests);
	}

	@Test
	void probePathsWhenAskedOfARunningCoordinatorShouldAnswer200(@TempDir Path data) {
		Manifests manifests = render(PRODUCTION);
		Map<String, Object> container = container(manifests.only("Deployment"));
		List<String> paths = List.of((String) path(container, "livenessProbe.httpGet.path"),
				(String) path(container, "readinessProbe.httpGet.path"),
				(String) path(container, "startupProbe.httpGet.path"),
				(String) path(manifests.only("ServiceMonitor"), "spec.endpoints.0.path"));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DtmServerApplication.class)
			.run("--server.port=0", "--dtm.server.store.h2.data-dir=" + data, "--dtm.server.cron.enabled=false")) {
			DtmHttp http = new DtmHttp(((WebServerApplicationContext) app).getWebServer().getPort());
			for (String probe : paths) {
				assertThat(http.get(probe).status()).as(probe).isEqualTo(200);
			}
		}
	}

	private static void assertSecretsAreReferenced(Manifests manifests) {
		for (Map<String, Object> env : envs(container(manifests.only("Deployment")))) {
			if (String.valueOf(env.get("name")).contains("PASSWORD")) {
				assertThat(env).as("env %s", env.get("name")).doesNotContainKey("value").containsKey("valueFrom");
			}
		}
		String config = (String) path(manifests.only("ConfigMap"), "data.application\\.yml");
		assertThat(config.lines().filter((line) -> line.trim().startsWith("password:"))).isEmpty();
	}

	private static int applicationPort() {
		try (var in = HelmChartTests.class.getResourceAsStream("/application.yml")) {
			Map<String, Object> yml = new Yaml().load(in);
			return (Integer) path(yml, "server.port");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> applicationYml(Manifests manifests) {
		return new Yaml().load((String) path(manifests.only("ConfigMap"), "data.application\\.yml"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> container(Map<String, Object> deployment) {
		return (Map<String, Object>) path(deployment, "spec.template.spec.containers.0");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> envs(Map<String, Object> container) {
		return (List<Map<String, Object>>) container.get("env");
	}

	private static Map<String, Object> env(Map<String, Object> container, String name) {
		return envs(container).stream()
			.filter((e) -> name.equals(e.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no env " + name));
	}

	@SuppressWarnings("unchecked")
	private static List<String> volumeNames(Map<String, Object> deployment) {
		return ((List<Map<String, Object>>) path(deployment, "spec.template.spec.volumes")).stream()
			.map((v) -> (String) v.get("name"))
			.toList();
	}

	/** Dotted path with list indexes; {@code \.} escapes a dot in a key. */
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

	private static Manifests render(Path valuesFile) {
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
	 * The rendered manifests.
	 */
	private record Manifests(List<Map<String, Object>> documents) {

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

	}

}
