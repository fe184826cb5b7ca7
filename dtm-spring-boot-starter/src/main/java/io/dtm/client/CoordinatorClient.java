package io.dtm.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchView;
import io.dtm.core.GlobalTransactionView;
import io.dtm.core.TransType;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one place where HTTP answers become results or exceptions: coordinator calls
 * (retried on transient errors) and the branch calls the initiator makes itself (never
 * retried).
 */
final class CoordinatorClient {

	static final String API_PATH = "/api/dtmsvr";

	private static final ObjectMapper WIRE = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final RestClient rest;

	private final DtmConnectionDetails connection;

	private final RetryTemplate retry;

	CoordinatorClient(RestClient rest, DtmConnectionDetails connection, RetryTemplate retry) {
		this.rest = rest;
		this.connection = connection;
		this.retry = retry;
	}

	String apiUrl() {
		String url;
		try {
			url = this.connection.getServerUrl();
		}
		catch (RuntimeException ex) {
			throw new DtmCoordinatorUnavailableException("locate", null, 0, ex.getMessage(), ex);
		}
		if (url == null || url.isBlank()) {
			throw new DtmCoordinatorUnavailableException("locate", null, 0, "no coordinator URL", null);
		}
		String trimmed = url.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed.endsWith(API_PATH) ? trimmed : trimmed + API_PATH;
	}

	void post(String endpoint, String gid, Object body) {
		String json = write(body);
		this.retry.execute((context) -> {
			Reply reply = exchange(endpoint, gid, HttpMethod.POST, apiUrl() + "/" + endpoint, json);
			check(endpoint, gid, reply);
			return null;
		});
	}

	String newGid() {
		return this.retry.execute((context) -> {
			Reply reply = exchange("newGid", null, HttpMethod.GET, apiUrl() + "/newGid", null);
			check("newGid", null, reply);
			JsonNode gid = read(reply.body()).path("gid");
			if (!gid.isTextual() || gid.asText().isEmpty()) {
				throw new DtmCoordinatorUnavailableException("newGid", null, reply.status(),
						"answer has no gid: " + reply.body(), null);
			}
			return gid.asText();
		});
	}

	Optional<DtmTransaction> query(String gid) {
		return this.retry.execute((context) -> {
			Reply reply = exchange("query", gid, HttpMethod.GET, apiUrl() + "/query?gid=" + encode(gid), null);
			check("query", gid, reply);
			JsonNode root = read(reply.body());
			JsonNode transaction = root.path("transaction");
			if (transaction.isMissingNode() || transaction.isNull()) {
				return Optional.empty();
			}
			try {
				GlobalTransactionView view = WIRE.treeToValue(transaction, GlobalTransactionView.class);
				List<BranchView> branches = WIRE.readerForListOf(BranchView.class)
					.readValue(root.path("branches").isArray() ? root.path("branches") : WIRE.createArrayNode());
				return Optional.of(new DtmTransaction(view, branches));
			}
			catch (IOException ex) {
				throw new DtmRequestException(gid, "cannot read the query answer: " + ex.getMessage());
			}
		});
	}

	void ping() {
		String api = apiUrl();
		Reply reply = exchange("ping", null, HttpMethod.GET,
				api.substring(0, api.length() - API_PATH.length()) + "/api/ping", null);
		if (reply.status() != 200) {
			throw new DtmCoordinatorUnavailableException("ping", null, reply.status(), reply.body(), null);
		}
	}

	/**
	 * Call a branch as the initiator (tcc try, xa action, msg check-back).
	 */
	BranchCall callBranch(HttpMethod method, String url, TransType type, String gid, String branchId, BranchOp op,
			Map<String, String> extraQuery, String payload, Map<String, String> headers) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("dtm", apiUrl());
		query.put("gid", gid);
		query.put("trans_type", type.wireValue());
		query.put("branch_id", branchId);
		query.put("op", op.wireValue());
		query.putAll(extraQuery);
		StringBuilder target = new StringBuilder(url).append((url.indexOf('?') >= 0) ? '&' : '?');
		query.forEach((key, value) -> target.append(encode(key)).append('=').append(encode(value)).append('&'));
		target.setLength(target.length() - 1);
		try {
			RestClient.RequestBodySpec spec = this.rest.method(method)
				.uri(java.net.URI.create(target.toString()))
				.headers((h) -> headers.forEach(h::set));
			if (payload != null) {
				spec.contentType(MediaType.APPLICATION_JSON).body(payload);
			}
			Reply reply = spec.exchange((request, response) -> new Reply(response.getStatusCode().value(),
					StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)), true);
			return new BranchCall(BranchOutcome.fromHttp(reply.status(), reply.body()), reply.status(), reply.body(),
					null);
		}
		catch (RestClientException | IllegalArgumentException ex) {
			return new BranchCall(BranchOutcome.ERROR, 0, "", ex);
		}
	}

	private Reply exchange(String endpoint, String gid, HttpMethod method, String url, String json) {
		try {
			RestClient.RequestBodySpec spec = this.rest.method(method).uri(java.net.URI.create(url));
			if (json != null) {
				spec.contentType(MediaType.APPLICATION_JSON).body(json);
			}
			return spec.exchange((request, response) -> new Reply(response.getStatusCode().value(),
					StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)), true);
		}
		catch (RestClientException ex) {
			throw new DtmCoordinatorUnavailableException(endpoint, gid, 0, ex.getMessage(), ex);
		}
	}

	private static void check(String endpoint, String gid, Reply reply) {
		int status = reply.status();
		if (status == 409 || (status == 200 && isFailure(reply.body()))) {
			throw new DtmRejectedException(endpoint, gid, message(reply.body()));
		}
		if (status == 425) {
			throw DtmOngoing.of("dtm coordinator answered ONGOING to " + endpoint + ": " + message(reply.body()), gid);
		}
		if (status >= 500) {
			throw new DtmCoordinatorUnavailableException(endpoint, gid, status, message(reply.body()), null);
		}
		if (status < 200 || status >= 300) {
			throw new DtmRequestException(gid, "dtm coordinator refused " + endpoint + " as a bad request (HTTP "
					+ status + "): " + message(reply.body()));
		}
	}

	/**
	 * Whether a 200 answer still carries {@code "dtm_result":"FAILURE"} (dtm servers
	 * before v1.10 answered refusals that way).
	 */
	private static boolean isFailure(String body) {
		if (!body.contains("FAILURE")) {
			return false;
		}
		try {
			return "FAILURE".equals(WIRE.readTree(body).path("dtm_result").asText());
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static String message(String body) {
		try {
			JsonNode message = WIRE.readTree(body).path("message");
			if (message.isTextual()) {
				return message.asText();
			}
		}
		catch (IOException | RuntimeException ex) {
			// not JSON: use the text
		}
		return (body.length() > 300) ? body.substring(0, 300) + "..." : body;
	}

	private static JsonNode read(String body) {
		try {
			return WIRE.readTree(body);
		}
		catch (IOException ex) {
			throw new DtmRequestException(null, "dtm coordinator answered a body that is not JSON: " + body);
		}
	}

	static String write(Object body) {
		try {
			return WIRE.writeValueAsString(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	record Reply(int status, String body) {

	}

	/**
	 * Result of a branch call.
	 */
	record BranchCall(BranchOutcome outcome, int status, String body, Exception error) {

	}

}
