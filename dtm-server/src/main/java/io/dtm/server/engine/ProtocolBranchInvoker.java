package io.dtm.server.engine;

/**
 * Chooses the invoker of a call as dtm does ({@code getURLResult}): an empty URL goes to
 * HTTP (which succeeds at once); a URL of a transaction whose protocol is not
 * {@code http} that starts with neither {@code http://} nor {@code https://} goes over
 * gRPC ({@link GrpcTarget#isGrpc}, which leaves a {@code json-rpc} transaction's URLs
 * that contain {@code method} to JSON-RPC, {@link JsonRpcBranchProtocol#appliesTo});
 * everything else goes over plain HTTP.
 */
public class ProtocolBranchInvoker implements BranchInvoker {

	private final BranchInvoker http;

	private final BranchInvoker jsonRpc;

	private final BranchInvoker grpc;

	/**
	 * Create the dispatcher.
	 * @param http calls over plain HTTP
	 * @param jsonRpc calls over JSON-RPC
	 * @param grpc calls over gRPC
	 */
	public ProtocolBranchInvoker(BranchInvoker http, BranchInvoker jsonRpc, BranchInvoker grpc) {
		this.http = http;
		this.jsonRpc = jsonRpc;
		this.grpc = grpc;
	}

	@Override
	public BranchCallResult invoke(BranchRequest request) {
		if (GrpcTarget.isGrpc(request.url(), request.protocol())) {
			return this.grpc.invoke(request);
		}
		return JsonRpcBranchProtocol.appliesTo(request) ? this.jsonRpc.invoke(request) : this.http.invoke(request);
	}

}
