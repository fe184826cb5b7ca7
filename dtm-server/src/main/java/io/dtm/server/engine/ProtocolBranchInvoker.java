package io.dtm.server.engine;

/**
 * Chooses the invoker of a call by the transaction's protocol, as dtm does: JSON-RPC for
 * a {@code json-rpc} transaction's URLs that contain {@code method}
 * ({@link JsonRpcBranchProtocol#appliesTo}), plain HTTP for everything else.
 */
public class ProtocolBranchInvoker implements BranchInvoker {

	private final BranchInvoker http;

	private final BranchInvoker jsonRpc;

	/**
	 * Create the dispatcher.
	 * @param http calls over plain HTTP
	 * @param jsonRpc calls over JSON-RPC
	 */
	public ProtocolBranchInvoker(BranchInvoker http, BranchInvoker jsonRpc) {
		this.http = http;
		this.jsonRpc = jsonRpc;
	}

	@Override
	public BranchCallResult invoke(BranchRequest request) {
		return JsonRpcBranchProtocol.appliesTo(request) ? this.jsonRpc.invoke(request) : this.http.invoke(request);
	}

}
