package io.dtm.samples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.samples.saga.SagaApplication;
import io.dtm.samples.testsupport.Coordinator;
import io.dtm.samples.testsupport.SampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root README's quick start, run as written: the saga sample is the participant, and
 * the two {@code curl} submits of the README (their JSON bodies read from the README
 * itself) end with a {@code succeed} saga and a {@code failed} one whose TransOut was
 * compensated. Only the two addresses are replaced by the test's ports.
 */
@Tag("integration")
class ReadmeQuickStartTests {

	private static final Pattern SUBMIT = Pattern.compile(
			"curl -XPOST http://localhost:36789/api/dtmsvr/submit -H 'Content-Type: application/json' -d '([^']*)'");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static SampleApp sample;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		sample = SampleApp.start(SagaApplication.class, "saga");
	}

	@AfterAll
	static void stop() {
		if (sample != null) {
			sample.close();
		}
	}

	@Test
	void whenTheQuickStartIsRunAsWrittenShouldEndWithASucceededAndACompensatedSaga() throws Exception {
		String quickStart = quickStart();
		assertThat(quickStart).contains("./mvnw -pl dtm-samples spring-boot:run -Dspring-boot.run.main-class="
				+ SagaApplication.class.getName());
		List<String> bodies = submits(quickStart);
		assertThat(bodies).hasSize(2);
		String suffix = "-" + System.nanoTime();

		HttpResponse<String> ok = submit(bodies.get(0), suffix);
		HttpResponse<String> failed = submit(bodies.get(1), suffix);

		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		assertThat(JSON.readTree(ok.body()).path("dtm_result").asText()).isEqualTo("SUCCESS");
		assertThat(failed.statusCode()).as(failed.body()).isEqualTo(409);
		assertThat(JSON.readTree(failed.body()).path("dtm_result").asText()).isEqualTo("FAILURE");
		assertThat(failed.body()).contains("no account 99");
		assertThat(query("demo-ok" + suffix).path("transaction").path("status").asText()).isEqualTo("succeed");
		JsonNode compensated = query("demo-fail" + suffix);
		assertThat(compensated.path("transaction").path("status").asText()).isEqualTo("failed");
		assertThat(branchStatus(compensated, "01", "compensate")).isEqualTo("succeed");
		assertThat(sample.balances()).as("balances the README announces").containsExactly(70, 130, 100);
		assertThat(quickStart).contains("balances 70, 130, 100");
	}

	private HttpResponse<String> submit(String readmeBody, String suffix) throws IOException, InterruptedException {
		JsonNode body = JSON.readTree(readmeBody.replace("http://localhost:8081", sampleUrl()));
		((com.fasterxml.jackson.databind.node.ObjectNode) body).put("gid", body.path("gid").asText() + suffix);
		return this.http.send(HttpRequest.newBuilder(URI.create(Coordinator.url() + "/api/dtmsvr/submit"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode query(String gid) throws IOException, InterruptedException {
		HttpResponse<String> reply = this.http.send(
				HttpRequest.newBuilder(URI.create(Coordinator.url() + "/api/dtmsvr/query?gid=" + gid)).build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(reply.body());
	}

	private static String branchStatus(JsonNode query, String branchId, String op) {
		for (JsonNode branch : query.path("branches")) {
			if (branch.path("branch_id").asText().equals(branchId) && branch.path("op").asText().equals(op)) {
				return branch.path("status").asText();
			}
		}
		return "missing";
	}

	private static String sampleUrl() {
		int port = ((org.springframework.boot.web.context.WebServerApplicationContext) sample.context()).getWebServer()
			.getPort();
		return "http://127.0.0.1:" + port;
	}

	private static String quickStart() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		int start = readme.indexOf("## Quick start");
		assertThat(start).as("README has a quick start").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		return readme.substring(start, (end > 0) ? end : readme.length());
	}

	private static List<String> submits(String quickStart) {
		String joined = quickStart.replaceAll("\n\\s+", "\n");
		Matcher matcher = SUBMIT.matcher(joined);
		List<String> bodies = new ArrayList<>();
		while (matcher.find()) {
			// the shell passes the single-quoted text as is; JSON reads \" inside strings
			bodies.add(matcher.group(1));
		}
		return bodies;
	}

}
