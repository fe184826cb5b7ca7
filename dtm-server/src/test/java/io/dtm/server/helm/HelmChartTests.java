package io.dtm.server.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.dtm.server.DtmServerApplication;
import io.dtm.server.helm.HelmChart.Manifests;
import io.dtm.server.testsupport.DtmHttp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.dtm.server.helm.HelmChart.CHART;
import static io.dtm.server.helm.HelmChart.PRODUCTION;
import static io.dtm.server.helm.HelmChart.path;
import static io.dtm.server.helm.HelmChart.render;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Helm chart in {@code helm/dtm-server}: linted and rendered by real Helm
 * (helm-java runs Helm as a library), with assertions on the rendered manifests — probes
 * on Actuator paths the application really serves, ports matching the application's,
 * secrets referenced and never inlined.
 */
@Tag("integration")
class HelmChartTests {

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
		assertThat(path(container, "ports.1.name")).isEqualTo("grpc");
		assertThat(path(container, "ports.1.containerPort")).isEqualTo(36790);
		assertThat(path(manifests.only("Service"), "spec.ports.1")).isEqualTo(
				Map.of("port", 36790, "targetPort", "grpc", "protocol", "TCP", "appProtocol", "grpc", "name", "grpc"));
		assertThat(path(container, "ports.2")).as("Actuator on its own port, off the API's")
			.isEqualTo(Map.of("name", "management", "containerPort", 9090, "protocol", "TCP"));
		assertThat(path(manifests.only("Service"), "spec.ports.2.name")).isEqualTo("management");
		assertThat(path(container, "livenessProbe.httpGet.port")).isEqualTo("management");
		assertThat(path(container, "readinessProbe.httpGet.port")).isEqualTo("management");
		assertThat(path(container, "startupProbe.httpGet.port")).isEqualTo("management");
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
		assertThat(path(config, "management.server.port")).isEqualTo(9090);
		assertThat(path(config, "dtm.server.grpc.enabled")).isEqualTo(true);
		assertThat(path(config, "dtm.server.grpc.port")).isEqualTo(36790);
		assertThat(path(config, "dtm.server.retention.finished")).isEqualTo("7d");
		assertThat(manifests.configFiles()).containsOnlyKeys("application.yml");
		assertThat(env(container, "SPRING_CONFIG_ADDITIONAL_LOCATION")).containsEntry("value",
				"optional:file:/etc/dtm/");
	}

	@Test
	void templateWhenGrpcIsSwitchedOffShouldExposeOnlyHttp(@TempDir Path tmp) throws IOException {
		Manifests manifests = render(Files.writeString(tmp.resolve("no-grpc.yaml"),
				"grpc:\n  enabled: false\nservice:\n  managementPort: 0\n"));
		List<?> servicePorts = (List<?>) path(manifests.only("Service"), "spec.ports");
		List<?> containerPorts = (List<?>) path(container(manifests.only("Deployment")), "ports");
		assertThat(servicePorts).hasSize(1);
		assertThat(containerPorts).hasSize(1);
		assertThat(path(applicationYml(manifests), "dtm.server.grpc.enabled")).isEqualTo(false);
		assertThat(path(applicationYml(manifests), "management")).as("Actuator on the API port").isNull();
		assertThat(path(container(manifests.only("Deployment")), "readinessProbe.httpGet.port")).isEqualTo("http");
	}

	@Test
	void templateWhenExtraConfigIsSetShouldLoadItAsTheLastConfigLocation(@TempDir Path tmp) throws IOException {
		Path values = Files.writeString(tmp.resolve("extra.yaml"),
				"extraConfig:\n  dtm:\n    server:\n      retry-interval: 7s\n");
		Manifests manifests = render(values);
		Map<String, Object> extra = new Yaml().load(manifests.configFiles().get("extra.yml"));
		assertThat(path(extra, "dtm.server.retry-interval")).isEqualTo("7s");
		Map<String, Object> container = container(manifests.only("Deployment"));
		assertThat(path(container, "volumeMounts.0"))
			.isEqualTo(Map.of("name", "config", "mountPath", "/etc/dtm", "readOnly", true));
		assertThat(env(container, "SPRING_CONFIG_ADDITIONAL_LOCATION")).as("extra.yml listed last, so its keys win")
			.containsEntry("value", "optional:file:/etc/dtm/,file:/etc/dtm/extra.yml");
	}

	@Test
	void templateWhenConsoleUsersComeFromASecretShouldMountItAndLoadItBeforeExtraConfig(@TempDir Path tmp)
			throws IOException {
		Path values = Files.writeString(tmp.resolve("console.yaml"), """
				console:
				  usersSecret:
				    name: dtm-console
				  sessionTimeout: 15m
				extraConfig:
				  dtm:
				    server:
				      retry-interval: 7s
				""");
		Manifests manifests = render(values);
		Map<String, Object> deployment = manifests.only("Deployment");
		Map<String, Object> container = container(deployment);
		assertThat(env(container, "SPRING_CONFIG_ADDITIONAL_LOCATION")).containsEntry("value",
				"optional:file:/etc/dtm/,file:/etc/dtm-console/console-users.yml,file:/etc/dtm/extra.yml");
		assertThat(path(container, "volumeMounts.1"))
			.isEqualTo(Map.of("name", "console-users", "mountPath", "/etc/dtm-console", "readOnly", true));
		assertThat(path(deployment, "spec.template.spec.volumes.1"))
			.isEqualTo(Map.of("name", "console-users", "secret", Map.of("secretName", "dtm-console", "items",
					List.of(Map.of("key", "console-users.yml", "path", "console-users.yml")))));
		Map<String, Object> config = applicationYml(manifests);
		assertThat(path(config, "dtm.server.console.enabled")).isEqualTo(true);
		assertThat(path(config, "dtm.server.console.session-timeout")).isEqualTo("15m");
	}

	@Test
	void templateWhenConsoleOidcIsSetShouldRegisterTheClientAndTakeItsSecretFromASecret(@TempDir Path tmp)
			throws IOException {
		Path values = Files.writeString(tmp.resolve("oidc.yaml"), """
				console:
				  oidc:
				    issuerUri: https://sso.example.com/realms/ops
				    roleMapping:
				      /dtm-operators: OPERATOR
				""");
		Manifests manifests = render(values);
		Map<String, Object> config = applicationYml(manifests);
		assertThat(path(config, "spring.security.oauth2.client.provider.oidc.issuer-uri"))
			.isEqualTo("https://sso.example.com/realms/ops");
		assertThat(path(config, "spring.security.oauth2.client.registration.oidc.client-id")).isEqualTo("dtm-console");
		assertThat(path(config, "spring.security.oauth2.client.provider.oidc.user-name-attribute"))
			.isEqualTo("preferred_username");
		assertThat(path(config, "server.forward-headers-strategy"))
			.as("forwarded addresses are trusted only when the operator names the proxies")
			.isEqualTo("none");
		assertThat(path(config, "dtm.server.console.oidc.roles-claim")).isEqualTo("roles");
		@SuppressWarnings("unchecked")
		Map<String, Object> mapping = (Map<String, Object>) path(config, "dtm.server.console.oidc.role-mapping");
		assertThat(mapping).as("the key kept whole").containsEntry("[/dtm-operators]", "OPERATOR");
		assertThat(env(container(manifests.only("Deployment")),
				"SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OIDC_CLIENTSECRET"))
			.containsEntry("valueFrom",
					Map.of("secretKeyRef", Map.of("name", "dtm-console-oidc", "key", "client-secret")));
		assertSecretsAreReferenced(manifests);
	}

	@Test
	void templateWhenNetworkPolicyIsEnabledShouldOpenTheApiToClientsAndManagementToMonitoringOnly(@TempDir Path tmp)
			throws IOException {
		assertThat(render(null).kinds()).doesNotContain("NetworkPolicy");
		Path values = Files.writeString(tmp.resolve("policy.yaml"), """
				networkPolicy:
				  enabled: true
				  clients:
				    - namespaceSelector:
				        matchLabels:
				          team: shop
				""");

		Map<String, Object> policy = render(values).only("NetworkPolicy");

		assertThat(path(policy, "spec.policyTypes")).isEqualTo(List.of("Ingress"));
		assertThat(path(policy, "spec.ingress.0.ports"))
			.isEqualTo(List.of(Map.of("port", "http", "protocol", "TCP"), Map.of("port", "grpc", "protocol", "TCP")));
		assertThat(path(policy, "spec.ingress.0.from.0.namespaceSelector.matchLabels.team")).isEqualTo("shop");
		assertThat(path(policy, "spec.ingress.1.ports"))
			.isEqualTo(List.of(Map.of("port", "management", "protocol", "TCP")));
		assertThat(path(policy, "spec.ingress.1.from.0.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name"))
			.isEqualTo("monitoring");
	}

	@Test
	@SuppressWarnings("unchecked")
	void templateShouldAllowNoBranchAddressUntilTheValuesListThem() {
		Map<String, Object> defaults = applicationYml(render(null));
		assertThat((List<Object>) path(defaults, "dtm.server.security.branch-urls.allow")).isEmpty();
		assertThat((List<Object>) path(defaults, "dtm.server.security.branch-urls.deny")).isEmpty();

		Map<String, Object> production = applicationYml(render(PRODUCTION));
		assertThat((List<Object>) path(production, "dtm.server.security.branch-urls.allow"))
			.containsExactly("*.shop.svc.cluster.local", "nacos://order-svc", "nacos://payment-svc");
	}

	@Test
	void templateWhenNoConsoleSecretIsSetShouldMountNoneAndLeaveTheConsoleDisabled() {
		Manifests manifests = render(null);
		assertThat(volumeNames(manifests.only("Deployment"))).doesNotContain("console-users");
		assertThat(env(container(manifests.only("Deployment")), "SPRING_CONFIG_ADDITIONAL_LOCATION"))
			.containsEntry("value", "optional:file:/etc/dtm/");
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
		String config = (String) path(manifests.applicationConfigMap(), "data.application\\.yml");
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
		return new Yaml().load((String) path(manifests.applicationConfigMap(), "data.application\\.yml"));
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

}
