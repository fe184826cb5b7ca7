package io.dtm.server.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.function.Supplier;

import io.dtm.core.BranchOutcome;

/**
 * Calls branches over JSON-RPC 2.0 as dtm does for a transaction whose protocol is
 * {@code json-rpc} (the rules are in {@link JsonRpcBranchProtocol}): a POST with
 * {@code Content-Type: application/json}, the transaction's branch headers and its
 * timeout, through the same pooled {@link HttpClient} and URL resolution as
 * {@link HttpBranchInvoker}.
 */
public class JsonRpcBranchInvoker implements BranchInvoker {

	private final HttpClient client;

	private final UrlResolver resolver;

	private final JsonRpcBranchProtocol protocol;

	private final Supplier<String> ids;

	/**
	 * Create the invoker.
	 * @param client the HTTP client
	 * @param resolver resolves service URLs before each call
	 * @param protocol the request and reply rules
	 * @param ids a fresh JSON-RPC id per call
	 */
	public JsonRpcBranchInvoker(HttpClient client, UrlResolver resolver, JsonRpcBranchProtocol protocol,
			Supplier<String> ids) {
		this.client = client;
		this.resolver = resolver;
		this.protocol = protocol;
		this.ids = ids;
	}

	@Override
	public BranchCallResult invoke(BranchRequest request) {
		if (request.url() == null || request.url().isEmpty()) {
			return BranchCallResult.success();
		}
		URI target;
		byte[] body;
		try {
			target = this.resolver.resolve(URI.create(request.url()));
		}
		catch (RuntimeException ex) {
			return HttpBranchInvoker.logged(request, "cannot resolve the URL now: " + ex.getMessage());
		}
		try {
			body = this.protocol.requestBody(request, this.ids.get());
		}
		catch (IllegalArgumentException ex) {
			return HttpBranchInvoker.logged(request, ex.getMessage());
		}
		try {
			HttpResponse<String> response = this.client.send(toHttpRequest(target, request, body),
					HttpResponse.BodyHandlers.ofString());
			BranchOutcome outcome = this.protocol.outcome(response.statusCode(), response.body());
			return new BranchCallResult(outcome,
					"HTTP " + response.statusCode() + " " + HttpBranchInvoker.excerpt(response.body()));
		}
		catch (HttpTimeoutException ex) {
			return HttpBranchInvoker.logged(request, "timed out after " + request.timeout().toMillis() + " ms");
		}
		catch (IOException | RuntimeException ex) {
			return HttpBranchInvoker.logged(request, TransportErrors.describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return BranchCallResult.error("interrupted");
		}
	}

	private static HttpRequest toHttpRequest(URI target, BranchRequest request, byte[] body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(target)
			.timeout(request.timeout())
			.header("Content-Type", "application/json");
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			builder.header(header.getKey(), header.getValue());
		}
		return builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
	}

}
