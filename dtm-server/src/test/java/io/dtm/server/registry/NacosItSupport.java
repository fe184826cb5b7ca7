package io.dtm.server.registry;

import java.nio.file.Paths;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.NacosTestServer;

/**
 * Shared pieces of the Nacos integration tests: coordinator arguments (the shipped
 * {@code config/application-nacos.yml} plus short timings) and request helpers.
 */
final class NacosItSupport {

	private NacosItSupport() {
	}

	/**
	 * Arguments for a coordinator that uses the {@code nacos} profile from the
	 * repository's {@code config/} directory against the given server, with short retry
	 * timings.
	 * @param nacos the server
	 * @return the arguments
	 */
	static List<String> coordinatorArguments(NacosTestServer nacos) {
		String configDir = Paths.get(System.getProperty("dtm.config.dir", "../config")).toAbsolutePath().normalize()
				+ "/";
		return List.of("--spring.profiles.active=nacos", "--spring.config.additional-location=file:" + configDir,
				"--spring.cloud.nacos.discovery.server-addr=" + nacos.serverAddr(),
				"--spring.cloud.nacos.discovery.ip=127.0.0.1", "--dtm.server.registry.initial-interval=200ms",
				"--dtm.server.registry.check-interval=1s", "--dtm.server.retry-interval=1s",
				"--dtm.server.cron.interval=200ms",
				"--management.endpoints.web.exposure.include=health,info,metrics,dtm");
	}

	/**
	 * A saga body whose steps have the given actions and no compensations.
	 * @param gid the gid
	 * @param actions action URLs
	 * @return the JSON body
	 */
	static String saga(String gid, List<String> actions) {
		StringBuilder steps = new StringBuilder();
		StringBuilder payloads = new StringBuilder();
		for (int i = 0; i < actions.size(); i++) {
			String separator = (i > 0) ? "," : "";
			steps.append(separator).append("{\"action\":\"").append(actions.get(i)).append("\",\"compensate\":\"\"}");
			payloads.append(separator).append("\"{}\"");
		}
		return "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"steps\":[" + steps + "],\"payloads\":[" + payloads
				+ "]}";
	}

	/**
	 * The value of a single-value meter from {@code /actuator/metrics}.
	 * @param dtm coordinator client
	 * @param name meter name, optionally with {@code ?tag=k:v}
	 * @return the value, or {@code NaN} when the meter does not exist
	 */
	static double metric(DtmHttp dtm, String name) {
		DtmHttp.Reply reply = dtm.get("/actuator/metrics/" + name);
		if (reply.status() != 200) {
			return Double.NaN;
		}
		JsonNode measurements = reply.json().path("measurements");
		return measurements.isArray() && !measurements.isEmpty() ? measurements.get(0).path("value").asDouble()
				: Double.NaN;
	}

}
