package io.dtm.server.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.helm.HelmChart.Manifests;
import io.dtm.server.testsupport.CoordinatorProcess;
import io.dtm.server.testsupport.DtmHttp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's {@code extraConfig} in a real coordinator: the chart is rendered by real
 * Helm, the rendered ConfigMap's files are written to a directory standing for the
 * Deployment's config mount, and the packaged coordinator (its own JVM) starts with
 * exactly the rendered container environment, the mount path mapped to that directory.
 * The coordinator must then run with the {@code extraConfig} values, over the chart's own
 * {@code application.yml}, next to a profile the user activates through {@code extraEnv}.
 */
@Tag("integration")
class HelmExtraConfigIT {

	private static final String VALUES = """
			store:
			  kind: h2
			autoscaling:
			  enabled: false
			service:
			  # Actuator on the API port, where the test reads /actuator/env
			  managementPort: 0
			coordinator:
			  retryInterval: 10s
			  requestTimeout: 4s
			extraEnv:
			  - name: SPRING_PROFILES_ACTIVE
			    value: users-own
			extraConfig:
			  dtm:
			    server:
			      retry-interval: 7s
			  management:
			    endpoints:
			      web:
			        exposure:
			          include: health,env
			    endpoint:
			      env:
			        show-values: always
			""";

	@Test
	void whenExtraConfigIsSetTheCoordinatorShouldRunWithItOverTheChartsConfig(@TempDir Path tmp) throws IOException {
		Manifests manifests = HelmChart.render(Files.writeString(tmp.resolve("values.yaml"), VALUES));
		Path configDir = Files.createDirectories(tmp.resolve("config-mount"));
		for (Map.Entry<String, String> file : manifests.configFiles().entrySet()) {
			Files.writeString(configDir.resolve(file.getKey()), file.getValue());
		}
		Map<String, String> environment = containerEnvironment(manifests, configMountPath(manifests), configDir);
		// the data volume (/var/lib/dtm) is mapped by CoordinatorProcess's
		// --dtm.server.store.h2.data-dir
		try (CoordinatorProcess coordinator = CoordinatorProcess.start("helm-extra-config", List.of(), environment)) {
			JsonNode retryInterval = property(coordinator, "dtm.server.retry-interval");
			assertThat(retryInterval.path("property").path("value").asText()).as("extraConfig over the chart's 10s")
				.isEqualTo("7s");
			assertThat(retryInterval.path("property").path("source").asText())
				.contains(configDir.resolve("extra.yml").toString());
			assertThat(retryInterval.path("activeProfiles")).extracting(JsonNode::asText).containsExactly("users-own");
			JsonNode requestTimeout = property(coordinator, "dtm.server.request-timeout");
			assertThat(requestTimeout.path("property").path("value").asText())
				.as("the chart's application.yml still applies")
				.isEqualTo("4s");
			assertThat(requestTimeout.path("property").path("source").asText())
				.contains(configDir.resolve("application.yml").toString());
		}
	}

	private static JsonNode property(CoordinatorProcess coordinator, String name) {
		DtmHttp.Reply reply;
		try {
			reply = coordinator.http().get("/actuator/env/" + name);
		}
		catch (IllegalStateException ex) {
			throw new AssertionError("/actuator/env/" + name + " unreachable (process alive: " + coordinator.isAlive()
					+ "); coordinator log:\n" + coordinator.logText(), ex);
		}
		assertThat(reply.status()).as("/actuator/env/%s: %s", name, reply.body()).isEqualTo(200);
		return reply.json();
	}

	private static String configMountPath(Manifests manifests) {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> mounts = (List<Map<String, Object>>) manifests.container().get("volumeMounts");
		return mounts.stream()
			.filter((mount) -> "config".equals(mount.get("name")))
			.map((mount) -> (String) mount.get("mountPath"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no config volume mount in " + mounts));
	}

	/**
	 * The container's env, literal values only, with the config mount path mapped to
	 * {@code configDir}.
	 */
	private static Map<String, String> containerEnvironment(Manifests manifests, String mountPath, Path configDir) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (Map<String, Object> env : manifests.envs()) {
			assertThat(env).as("env %s: a literal value (no Secret with the embedded store)", env.get("name"))
				.containsKey("value");
			String value = String.valueOf(env.get("value")).replace(mountPath, configDir.toString());
			environment.put((String) env.get("name"), value);
		}
		assertThat(environment).containsKey("SPRING_CONFIG_ADDITIONAL_LOCATION");
		return environment;
	}

}
