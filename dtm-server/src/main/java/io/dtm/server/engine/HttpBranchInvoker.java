package io.dtm.server.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;

/**
 * Calls branches over HTTP as dtm does: {@code gid}, {@code trans_type},
 * {@code branch_id} and {@code op} appended to the query string; POST with the payload
 * when there is one (always for xa), GET otherwise;
 * {@code Content-Type: application/json}; the transaction's branch headers; the
 * per-transaction timeout. One shared, pooled {@link HttpClient}. Service URLs
 * ({@code nacos://}, {@code lb://}) are resolved before each call; a URL that cannot be
 * resolved now is a retryable error.
 */
public class HttpBranchInvoker implements BranchInvoker {

	/**
	 * dtm's plain HTTP: the payload POSTed (GET when there is none, except for xa) with
	 * gid, trans_type, branch_id and op in the query, the outcome read from the status
	 * code and the body.
	 */
	static final BranchWire PLAIN = new BranchWire() {

		@Override
		public HttpRequest request(URI target, BranchRequest request) {
			HttpRequest.Builder builder = jsonRequest(withProtocolParameters(target, request), request);
			byte[] payload = request.payload();
			boolean post = (payload != null && payload.length > 0) || request.transType() == TransType.XA;
			return post
					? builder.POST(HttpRequest.BodyPublishers.ofByteArray((payload != null) ? payload : new byte[0]))
						.build()
					: builder.GET().build();
		}

		@Override
		public BranchOutcome outcome(int status, String body) {
			return BranchOutcome.fromHttp(status, body);
		}

	};

	private final HttpClient client;

	private final UrlResolver resolver;

	private final BranchWire wire;

	private final BranchUrlGuard guard;

	/**
	 * An invoker of plain HTTP branches that calls every address but the always-denied
	 * ones.
	 * @param client the HTTP client
	 * @param resolver resolves service URLs before each call
	 */
	public HttpBranchInvoker(HttpClient client, UrlResolver resolver) {
		this(client, resolver, PLAIN, BranchUrlGuard.permissive());
	}

	/**
	 * An invoker of plain HTTP branches.
	 * @param client the HTTP client
	 * @param resolver resolves service URLs before each call
	 * @param guard checks each resolved address right before the call
	 */
	public HttpBranchInvoker(HttpClient client, UrlResolver resolver, BranchUrlGuard guard) {
		this(client, resolver, PLAIN, guard);
	}

	/**
	 * An invoker of branches in another format carried by HTTP (JSON-RPC).
	 * @param client the HTTP client
	 * @param resolver resolves service URLs before each call
	 * @param wire the request and answer format
	 * @param guard checks each resolved address right before the call
	 */
	HttpBranchInvoker(HttpClient client, UrlResolver resolver, BranchWire wire, BranchUrlGuard guard) {
		this.client = client;
		this.resolver = resolver;
		this.wire = wire;
		this.guard = guard;
	}

	@Override
	public BranchCallResult invoke(BranchRequest request) {
		if (request.url() == null || request.url().isEmpty()) {
			return BranchCallResult.success();
		}
		URI stored;
		URI target;
		try {
			stored = URI.create(request.url());
			target = this.resolver.resolve(stored);
		}
		catch (RuntimeException ex) {
			return BranchCallResult.retried(request, BranchCallResult.UNRESOLVED_URL,
					"cannot resolve the URL now: " + ex.getMessage());
		}
		boolean vouched = !stored.equals(target) && this.guard.vouchesFor(stored);
		Optional<String> refusal = this.guard.refusalOfCall(target, vouched);
		if (refusal.isPresent()) {
			return BranchCallResult.retried(request, BranchCallResult.URL_DENIED, "not called: " + refusal.get());
		}
		HttpRequest http;
		try {
			http = this.wire.request(target, request);
		}
		catch (IllegalArgumentException ex) {
			return BranchCallResult.retried(request, BranchCallResult.INVALID_REQUEST, ex.getMessage());
		}
		try {
			HttpResponse<String> response = this.client.send(http, HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			BranchOutcome outcome = this.wire.outcome(status, response.body());
			// a success's answer is not described: it is read by no one
			String detail = (outcome == BranchOutcome.SUCCESS) ? "HTTP " + status
					: "HTTP " + status + " " + BranchCallResult.excerpt(response.body());
			return new BranchCallResult(outcome, detail, this.wire.code(status, response.body()));
		}
		catch (HttpTimeoutException ex) {
			return BranchCallResult.retried(request, TransportErrors.classify(ex).code(),
					"timed out after " + request.timeout().toMillis() + " ms");
		}
		catch (IOException | RuntimeException ex) {
			TransportErrors.Reason reason = TransportErrors.classify(ex);
			return BranchCallResult.retried(request, reason.code(), reason.detail());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return BranchCallResult.error(BranchCallResult.INTERRUPTED, "interrupted");
		}
	}

	/**
	 * An invoker of JSON-RPC branches, as dtm calls them for a {@code json-rpc}
	 * transaction.
	 * @param client the HTTP client
	 * @param resolver resolves service URLs before each call
	 * @param protocol the JSON-RPC request and reply rules
	 * @param ids a fresh JSON-RPC id per call
	 * @return the invoker
	 */
	public static HttpBranchInvoker jsonRpc(HttpClient client, UrlResolver resolver, JsonRpcBranchProtocol protocol,
			Supplier<String> ids) {
		return jsonRpc(client, resolver, protocol, ids, BranchUrlGuard.permissive());
	}

	/**
	 * An invoker of JSON-RPC branches with a guard.
	 * @param client the HTTP client
	 * @param resolver resolves service URLs before each call
	 * @param protocol the JSON-RPC request and reply rules
	 * @param ids a fresh JSON-RPC id per call
	 * @param guard checks each resolved address right before the call
	 * @return the invoker
	 */
	public static HttpBranchInvoker jsonRpc(HttpClient client, UrlResolver resolver, JsonRpcBranchProtocol protocol,
			Supplier<String> ids, BranchUrlGuard guard) {
		return new HttpBranchInvoker(client, resolver, new JsonRpcWire(protocol, ids), guard);
	}

	/**
	 * A request to a URL with the call's timeout, {@code Content-Type: application/json}
	 * and the transaction's branch headers.
	 * @param target the URL
	 * @param request the call
	 * @return the builder, without a method
	 */
	static HttpRequest.Builder jsonRequest(URI target, BranchRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(target)
			.timeout(request.timeout())
			.header("Content-Type", "application/json");
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			builder.header(header.getKey(), header.getValue());
		}
		return builder;
	}

	private static URI withProtocolParameters(URI target, BranchRequest request) {
		String url = target.toString();
		StringBuilder sb = new StringBuilder(url.length() + 96).append(url);
		sb.append(url.indexOf('?') >= 0 ? '&' : '?');
		sb.append("gid=").append(encode(request.gid()));
		sb.append("&trans_type=").append(request.transType().wireValue());
		sb.append("&branch_id=").append(encode(request.branchId()));
		sb.append("&op=").append(encode(request.opName()));
		return URI.create(sb.toString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
