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
import io.dtm.core.GlobalStatus;
import io.dtm.core.GlobalTransactionView;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one place where HTTP answers become results or exceptions: coordinator calls
 * (retried only when the request cannot have reached the coordinator) and the branch
 * calls the initiator makes itself (never retried).
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
			throw new DtmCoordinatorUnavailableException("locate", null, null, String.valueOf(ex.getMessage()), ex);
		}
		if (url == null || url.isBlank()) {
			throw new DtmCoordinatorUnavailableException("locate", null, null, "no coordinator URL", null);
		}
		String trimmed = url.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed.endsWith(API_PATH) ? trimmed : trimmed + API_PATH;
	}

	void post(String endpoint, String gid, Object body) {
		String json = write(body);
		try {
			this.retry.execute((context) -> {
				String url = apiUrl() + "/" + endpoint;
				Reply reply = exchange(endpoint, gid, HttpMethod.POST, url, json);
				check(endpoint, gid, url, reply, body);
				return null;
			});
		}
		catch (DtmFailure failure) {
			throw unlessStillRunning(failure, gid);
		}
	}

	/**
	 * dtm answers a {@code wait_result} call 409 FAILURE both when the transaction failed
	 * and when its pass ended with the transaction unfinished (a branch error or ONGOING
	 * that the coordinator keeps retrying): the stored status tells which.
	 * @return the failure, or {@link DtmOngoing} when the transaction is not finished
	 */
	private RuntimeException unlessStillRunning(DtmFailure failure, String gid) {
		GlobalStatus status;
		try {
			status = query(gid).map((trans) -> trans.status()).orElse(null);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
			return failure;
		}
		if (status == null || status.isFinished()) {
			return failure;
		}
		return DtmOngoing.of(gid + " is not finished yet (" + status.wireValue() + "; the coordinator keeps retrying"
				+ " it, query the gid for the outcome): " + failure.getMessage(), gid);
	}

	String newGid() {
		return this.retry.execute((context) -> {
			String url = apiUrl() + "/newGid";
			Reply reply = exchange("newGid", null, HttpMethod.GET, url, null);
			check("newGid", null, url, reply, null);
			JsonNode gid = read("newGid", null, url, reply).path("gid");
			if (!gid.isTextual() || gid.asText().isEmpty()) {
				throw new DtmCoordinatorErrorException(
						"dtm coordinator at " + url + " answered newGid without a gid: " + abbreviate(reply.body()),
						"newGid", null, reply.status(), null);
			}
			return gid.asText();
		});
	}

	Optional<DtmTransaction> query(String gid) {
		return this.retry.execute((context) -> {
			String url = apiUrl() + "/query?gid=" + encode(gid);
			Reply reply = exchange("query", gid, HttpMethod.GET, url, null);
			check("query", gid, url, reply, null);
			JsonNode root = read("query", gid, url, reply);
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
				throw new DtmCoordinatorErrorException(
						"dtm coordinator at " + url + " answered query of gid '" + gid
								+ "' with an unreadable transaction: " + ex.getMessage(),
						"query", gid, reply.status(), ex);
			}
		});
	}

	void ping() {
		String api = apiUrl();
		String url = api.substring(0, api.length() - API_PATH.length()) + "/api/ping";
		Reply reply = exchange("ping", null, HttpMethod.GET, url, null);
		if (reply.status() != 200) {
			throw new DtmCoordinatorErrorException("dtm coordinator at " + url + " answered ping with HTTP "
					+ reply.status() + ": " + message(reply.body()), "ping", null, reply.status(), null);
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
		catch (IllegalArgumentException ex) {
			throw new DtmCoordinatorUnavailableException(endpoint, gid, url, "not a usable URL: " + ex.getMessage(),
					ex);
		}
		catch (RestClientException ex) {
			TransportFailure failure = TransportFailure.of(ex);
			if (failure.notDelivered()) {
				throw new DtmCoordinatorUnavailableException(endpoint, gid, url, failure.reason(), ex);
			}
			throw new DtmCoordinatorErrorException("dtm coordinator at " + url + " gave no answer to " + endpoint
					+ ((gid != null) ? " of gid '" + gid + "'" : "") + ": " + failure.reason()
					+ "; not sent again, the coordinator may have received it"
					+ ((gid != null) ? " (query the gid for the outcome)" : ""), endpoint, gid, 0, ex);
		}
	}

	/**
	 * Turn an answer into an exception unless it is a success. Nothing here is retried:
	 * every answer comes from a coordinator that received the request.
	 */
	private static void check(String endpoint, String gid, String url, Reply reply, Object body) {
		int status = reply.status();
		if (status == 409 || (status == 200 && isFailure(reply.body()))) {
			if (body instanceof TransRequest request && request.waitResult()
					&& ("submit".equals(endpoint) || "abort".equals(endpoint))) {
				throw DtmFailure.transactionFailed(request.transType(), gid, message(reply.body()));
			}
			throw new DtmRejectedException(endpoint, gid, message(reply.body()));
		}
		if (status == 425) {
			throw DtmOngoing.of("dtm coordinator answered ONGOING to " + endpoint + ": " + message(reply.body()), gid);
		}
		if (status >= 200 && status < 300) {
			return;
		}
		if (status >= 400 && status < 500) {
			throw new DtmRequestException(gid, "dtm coordinator refused " + endpoint + " as a bad request (HTTP "
					+ status + "): " + message(reply.body()));
		}
		boolean transaction = "submit".equals(endpoint) || "abort".equals(endpoint);
		throw new DtmCoordinatorErrorException(
				"dtm coordinator at " + url + " answered " + endpoint + ((gid != null) ? " of gid '" + gid + "'" : "")
						+ " with HTTP " + status + ": " + message(reply.body())
						+ (transaction
								? "; not sent again: the coordinator holds the transaction and retries its branches"
										+ " by itself (query the gid for the outcome)"
								: ""),
				endpoint, gid, status, null);
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
		return abbreviate(body);
	}

	private static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "..." : body;
	}

	private static JsonNode read(String endpoint, String gid, String url, Reply reply) {
		try {
			return WIRE.readTree(reply.body());
		}
		catch (IOException ex) {
			throw new DtmCoordinatorErrorException("dtm coordinator at " + url + " answered " + endpoint
					+ " with a body that is not JSON: " + abbreviate(reply.body()), endpoint, gid, reply.status(), ex);
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
