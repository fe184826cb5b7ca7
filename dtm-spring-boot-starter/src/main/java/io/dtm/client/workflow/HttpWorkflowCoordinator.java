package io.dtm.client.workflow;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * The three coordinator calls of the workflow mode over dtm's HTTP API
 * ({@code /api/dtmsvr}): 200 is a success, 409 (or {@code "dtm_result":"FAILURE"}) a
 * {@link DtmFailure}, 425 a {@link DtmOngoing}, anything else or no answer a
 * {@link WorkflowCoordinatorException}.
 */
public final class HttpWorkflowCoordinator extends WorkflowCoordinator {

	private static final ObjectMapper WIRE = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final RestClient rest;

	private final Supplier<String> apiUrl;

	/**
	 * Calls over HTTP.
	 * @param rest the client for calls to the coordinator (carrying its API token, if
	 * any)
	 * @param apiUrl the coordinator's API URL ({@code http://host:36789/api/dtmsvr}),
	 * read at each call
	 */
	public HttpWorkflowCoordinator(RestClient rest, Supplier<String> apiUrl) {
		this.rest = rest;
		this.apiUrl = apiUrl;
	}

	@Override
	String protocol() {
		return "http";
	}

	@Override
	String address() {
		try {
			String url = this.apiUrl.get();
			return (url != null) ? url : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	@Override
	WorkflowProgress prepare(String gid, String name, byte[] data, String callbackUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", gid);
		body.put("trans_type", TRANS_TYPE);
		body.put("custom_data", customData(name, data));
		if (callbackUrl != null && !callbackUrl.isEmpty()) {
			body.put("query_prepared", callbackUrl);
		}
		body.put("protocol", protocol());
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

	@Override
	void registerBranch(String gid, String branchId, String op, StepResult result) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("gid", gid);
		body.put("trans_type", TRANS_TYPE);
		body.put("branch_id", branchId);
		body.put("op", op);
		body.put("status", result.status());
		body.put("data", text(gid, branchId, op, result.data()));
		post("registerBranch", gid, body);
	}

	/**
	 * dtm's HTTP {@code registerBranch} carries a step's bytes as the text field
	 * {@code data}: bytes that are not UTF-8 would come back altered on replay, so they
	 * are refused before anything is recorded (the step stays unrecorded).
	 */
	private static String text(String gid, String branchId, String op, byte[] data) {
		if (data == null || data.length == 0) {
			return "";
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(data))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalStateException("workflow " + gid + " step " + branchId + " " + op
					+ " returned bytes that are not UTF-8 text, which dtm's HTTP registerBranch cannot carry intact; "
					+ "reach the coordinator over gRPC (dtm.client.transport=grpc) for steps with binary results");
		}
	}

	@Override
	void submit(String gid, byte[] result, DtmFailure failure) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", gid);
		body.put("trans_type", TRANS_TYPE);
		body.put("req_extra", submitExtra(result, failure));
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
