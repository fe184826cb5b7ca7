package io.dtm.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The one place where coordinator replies become results or exceptions, whatever the
 * transport: coordinator calls (retried only when the request cannot have reached the
 * coordinator), queries and the ping (HTTP), and the branch calls the initiator makes
 * itself (HTTP, never retried).
 */
final class CoordinatorClient {

	static final String API_PATH = HttpCoordinatorTransport.API_PATH;

	private final RestClient rest;

	private final HttpCoordinatorTransport http;

	private final CoordinatorTransport transport;

	private final RetryTemplate retry;

	CoordinatorClient(RestClient rest, DtmConnectionDetails connection, RetryTemplate retry,
			CoordinatorTransport transport) {
		this.rest = rest;
		this.http = new HttpCoordinatorTransport(rest, connection);
		this.transport = (transport != null) ? transport : this.http;
		this.retry = retry;
	}

	void setApiToken(String token) {
		this.http.setApiToken(token);
	}

	String apiUrl() {
		return this.http.apiUrl();
	}

	/**
	 * Send {@code prepare}, {@code submit} or {@code abort}.
	 * @param endpoint the endpoint
	 * @param request the transaction
	 */
	void send(String endpoint, TransRequest request) {
		String gid = request.gid();
		try {
			this.retry.execute((context) -> {
				check(endpoint, gid, this.transport.send(endpoint, request), request);
				return null;
			});
		}
		catch (DtmFailure failure) {
			throw unlessStillRunning(failure, gid);
		}
	}

	void registerBranch(BranchRegistration registration) {
		this.retry.execute((context) -> {
			check("registerBranch", registration.gid(), this.transport.registerBranch(registration), null);
			return null;
		});
	}

	/**
	 * dtm answers a {@code wait_result} call FAILURE both when the transaction failed and
	 * when its pass ended with the transaction unfinished (a branch error or ONGOING that
	 * the coordinator keeps retrying): the stored status tells which.
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
			CoordinatorReply reply = this.transport.newGid();
			check("newGid", null, reply, null);
			if (reply.value() == null || reply.value().isEmpty()) {
				throw new DtmCoordinatorErrorException(
						"dtm coordinator at " + reply.target() + " answered newGid without a gid: " + reply.message(),
						"newGid", null, reply.httpStatus(), null);
			}
			return reply.value();
		});
	}

	Optional<DtmTransaction> query(String gid) {
		return this.retry.execute((context) -> {
			String url = apiUrl() + "/query?gid=" + encode(gid);
			CoordinatorReply reply = this.http.exchange(HttpMethod.GET, url, null);
			check("query", gid, reply, null);
			JsonNode root = read("query", gid, reply);
			JsonNode transaction = root.path("transaction");
			if (transaction.isMissingNode() || transaction.isNull()) {
				return Optional.empty();
			}
			try {
				GlobalTransactionView view = HttpCoordinatorTransport.WIRE.treeToValue(transaction,
						GlobalTransactionView.class);
				List<BranchView> branches = HttpCoordinatorTransport.WIRE.readerForListOf(BranchView.class)
					.readValue(root.path("branches").isArray() ? root.path("branches")
							: HttpCoordinatorTransport.WIRE.createArrayNode());
				return Optional.of(new DtmTransaction(view, branches));
			}
			catch (IOException ex) {
				throw new DtmCoordinatorErrorException(
						"dtm coordinator at " + url + " answered query of gid '" + gid
								+ "' with an unreadable transaction: " + ex.getMessage(),
						"query", gid, reply.httpStatus(), ex);
			}
		});
	}

	void ping() {
		String api = apiUrl();
		String url = api.substring(0, api.length() - API_PATH.length()) + "/api/ping";
		CoordinatorReply reply = this.http.exchange(HttpMethod.GET, url, null);
		if (reply.kind() == CoordinatorReply.Kind.NOT_DELIVERED || reply.kind() == CoordinatorReply.Kind.NO_ANSWER) {
			check("ping", null, reply, null);
		}
		if (reply.httpStatus() != 200) {
			throw new DtmCoordinatorErrorException("dtm coordinator at " + url + " answered ping with HTTP "
					+ reply.httpStatus() + ": " + reply.message(), "ping", null, reply.httpStatus(), null);
		}
	}

	/**
	 * Call a branch as the initiator (tcc try, xa action, msg check-back).
	 */
	BranchCall callBranch(HttpMethod method, String url, TransType type, String gid, String branchId, BranchOp op,
			Map<String, String> extraQuery, String payload, Map<String, String> headers) {
		Map<String, String> query = new LinkedHashMap<>();
		String dtm = dtmParameter();
		if (dtm != null) {
			query.put("dtm", dtm);
		}
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

	/**
	 * The coordinator's API URL for the {@code dtm} parameter of branch calls; over
	 * another transport it may be left out when no HTTP location is configured.
	 */
	private String dtmParameter() {
		if (this.transport == this.http) {
			return apiUrl();
		}
		try {
			return apiUrl();
		}
		catch (DtmCoordinatorUnavailableException ex) {
			return null;
		}
	}

	/**
	 * Turn a reply into an exception unless it is a success. Only a reply that did not
	 * reach the coordinator is retried.
	 */
	private static void check(String endpoint, String gid, CoordinatorReply reply, TransRequest request) {
		String ofGid = (gid != null) ? " of gid '" + gid + "'" : "";
		switch (reply.kind()) {
			case SUCCESS:
				return;
			case FAILURE:
				if (request != null && request.waitResult()
						&& ("submit".equals(endpoint) || "abort".equals(endpoint))) {
					throw DtmFailure.transactionFailed(request.transType(), gid, reply.message());
				}
				throw new DtmRejectedException(endpoint, gid, reply.message());
			case ONGOING:
				throw DtmOngoing.of("dtm coordinator answered ONGOING to " + endpoint + ": " + reply.message(), gid);
			case BAD_REQUEST:
				throw new DtmRequestException(gid, "dtm coordinator refused " + endpoint + " as a bad request ("
						+ reply.status() + "): " + reply.message());
			case NOT_DELIVERED:
				throw new DtmCoordinatorUnavailableException(endpoint, gid, reply.target(), reply.message(),
						reply.cause());
			case NO_ANSWER:
				throw new DtmCoordinatorErrorException(
						"dtm coordinator at " + reply.target() + " gave no answer to " + endpoint + ofGid + ": "
								+ reply.message() + "; not sent again, the coordinator may have received it"
								+ ((gid != null) ? " (query the gid for the outcome)" : ""),
						endpoint, gid, 0, reply.cause());
			default:
				boolean transaction = "submit".equals(endpoint) || "abort".equals(endpoint);
				throw new DtmCoordinatorErrorException("dtm coordinator at " + reply.target() + " answered " + endpoint
						+ ofGid + " with " + reply.status() + ": " + reply.message()
						+ (transaction ? "; not sent again: the coordinator holds the transaction and retries its"
								+ " branches by itself (query the gid for the outcome)" : ""),
						endpoint, gid, reply.httpStatus(), null);
		}
	}

	private static JsonNode read(String endpoint, String gid, CoordinatorReply reply) {
		try {
			return HttpCoordinatorTransport.WIRE.readTree(reply.value());
		}
		catch (IOException ex) {
			throw new DtmCoordinatorErrorException(
					"dtm coordinator at " + reply.target() + " answered " + endpoint + " with a body that is not JSON: "
							+ HttpCoordinatorTransport.abbreviate(reply.value()),
					endpoint, gid, reply.httpStatus(), ex);
		}
	}

	static String write(Object body) {
		return HttpCoordinatorTransport.write(body);
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
