package io.dtm.server.engine;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.function.Supplier;

import io.dtm.core.BranchOutcome;

/**
 * JSON-RPC 2.0 branch calls as dtm makes them for a transaction whose protocol is
 * {@code json-rpc} (the rules are in {@link JsonRpcBranchProtocol}): a POST of the
 * JSON-RPC request with a fresh id, carried by {@link HttpBranchInvoker} like any other
 * call (same pooled client, URL resolution, headers, timeout and transport errors).
 */
final class JsonRpcWire implements BranchWire {

	private final JsonRpcBranchProtocol protocol;

	private final Supplier<String> ids;

	/**
	 * Create the format.
	 * @param protocol the request and reply rules
	 * @param ids a fresh JSON-RPC id per call
	 */
	JsonRpcWire(JsonRpcBranchProtocol protocol, Supplier<String> ids) {
		this.protocol = protocol;
		this.ids = ids;
	}

	@Override
	public HttpRequest request(URI target, BranchRequest request) {
		byte[] body = this.protocol.requestBody(request, this.ids.get());
		return HttpBranchInvoker.jsonRequest(target, request)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	@Override
	public BranchOutcome outcome(int status, String body) {
		return this.protocol.outcome(status, body);
	}

	@Override
	public String code(int status, String body) {
		return this.protocol.code(status, body);
	}

}
