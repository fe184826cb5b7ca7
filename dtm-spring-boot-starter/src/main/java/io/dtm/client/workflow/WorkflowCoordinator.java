package io.dtm.client.workflow;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;

import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The three coordinator calls of the workflow mode, over dtm's HTTP API:
 * {@code prepareWorkflow}, {@code registerBranch} and {@code submit}.
 */
final class WorkflowCoordinator {

	static final String TRANS_TYPE = "workflow";

	private static final ObjectMapper WIRE = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final RestClient rest;

	private final Supplier<String> apiUrl;

	WorkflowCoordinator(RestClient rest, Supplier<String> apiUrl) {
		this.rest = rest;
		this.apiUrl = apiUrl;
	}

	/**
	 * Create the workflow, or find it and its recorded steps.
	 */
	WorkflowProgress prepare(String gid, String name, byte[] data, String callbackUrl) {
		Map<String, Object> custom = new LinkedHashMap<>();
		custom.put("name", name);
		custom.put("data", Base64.getEncoder().encodeToString(data));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", gid);
		body.put("trans_type", TRANS_TYPE);
		body.put("custom_data", write(custom));
		if (callbackUrl != null && !callbackUrl.isEmpty()) {
			body.put("query_prepared", callbackUrl);
		}
		body.put("protocol", "http");
		JsonNode reply = read(post("prepareWorkflow", gid, body));
		JsonNode transaction = reply.path("transaction");
		Map<String, StepResult> steps = new LinkedHashMap<>();
		for (JsonNode progress : reply.path("progresses")) {
			String binData = progress.path("bin_data").asText("");
			steps.put(progress.path("branch_id").asText() + "-" + progress.path("op").asText(),
					StepResult.recorded(progress.path("status").asText(), Base64.getDecoder().decode(binData)));
		}
		return new WorkflowProgress(transaction.path("status").asText(""),
				transaction.path("rollback_reason").asText(""), transaction.path("result").asText(""), steps);
	}

	/**
	 * Record a step's outcome.
	 */
	void registerBranch(String gid, String branchId, String op, StepResult result) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("gid", gid);
		body.put("trans_type", TRANS_TYPE);
		body.put("branch_id", branchId);
		body.put("op", op);
		body.put("status", result.status());
		body.put("data", new String((result.data() != null) ? result.data() : new byte[0], StandardCharsets.UTF_8));
		post("registerBranch", gid, body);
	}

	/**
	 * Finish the workflow.
	 * @param failure the failure it ended with, {@code null} for success
	 */
	void submit(String gid, byte[] result, DtmFailure failure) {
		Map<String, String> extra = new LinkedHashMap<>();
		extra.put("status", (failure != null) ? StepResult.FAILED : StepResult.SUCCEED);
		extra.put("rollback_reason", (failure != null) ? String.valueOf(failure.getMessage()) : "");
		extra.put("result", Base64.getEncoder().encodeToString((result != null) ? result : new byte[0]));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", gid);
		body.put("trans_type", TRANS_TYPE);
		body.put("req_extra", extra);
		post("submit", gid, body);
	}

	private String post(String endpoint, String gid, Object body) {
		String url = this.apiUrl.get() + "/" + endpoint;
		int status;
		String answer;
		try {
			String[] reply = this.rest.post()
				.uri(URI.create(url))
				.contentType(MediaType.APPLICATION_JSON)
				.body(write(body))
				.exchange((request, response) -> new String[] { String.valueOf(response.getStatusCode().value()),
						StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8) }, true);
			status = Integer.parseInt(reply[0]);
			answer = reply[1];
		}
		catch (RestClientException | IllegalArgumentException ex) {
			throw new WorkflowCoordinatorException("dtm coordinator at " + url + " gave no answer to " + endpoint
					+ " of gid '" + gid + "': " + ex.getMessage(), 0, ex);
		}
		if (status == 200 && !answer.contains("\"FAILURE\"")) {
			return answer;
		}
		if (status == 409 || status == 200) {
			throw DtmFailure.of("dtm coordinator refused " + endpoint + " of workflow " + gid + ": " + answer, gid);
		}
		if (status == 425) {
			throw DtmOngoing.of("dtm coordinator answered ONGOING to " + endpoint + ": " + answer, gid);
		}
		throw new WorkflowCoordinatorException("dtm coordinator at " + url + " answered " + endpoint + " of gid '" + gid
				+ "' with HTTP " + status + ": " + answer, status, null);
	}

	private static JsonNode read(String json) {
		try {
			return WIRE.readTree(json);
		}
		catch (IOException ex) {
			throw new WorkflowCoordinatorException(
					"dtm coordinator answered prepareWorkflow with a body that is not" + " JSON: " + json, 200, ex);
		}
	}

	private static String write(Object body) {
		try {
			return WIRE.writeValueAsString(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
