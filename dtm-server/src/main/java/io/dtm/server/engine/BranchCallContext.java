package io.dtm.server.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;

/**
 * The observation context of one branch call. Its carrier collects the headers a tracing
 * handler injects (W3C {@code traceparent}, baggage); the call sends them with the
 * transaction's branch headers, as HTTP headers or gRPC metadata.
 */
public final class BranchCallContext extends RequestReplySenderContext<Map<String, String>, BranchCallResult> {

	private final BranchRequest request;

	private final String protocol;

	/**
	 * The context of a call.
	 * @param request the call
	 * @param protocol how it is made: {@code http}, {@code json-rpc} or {@code grpc}
	 */
	public BranchCallContext(BranchRequest request, String protocol) {
		super(Map::put, Kind.CLIENT);
		this.request = request;
		this.protocol = protocol;
		setCarrier(new LinkedHashMap<>());
	}

	/**
	 * The call as the transaction describes it.
	 * @return the request
	 */
	public BranchRequest request() {
		return this.request;
	}

	/**
	 * How the call is made.
	 * @return {@code http}, {@code json-rpc} or {@code grpc}
	 */
	public String protocol() {
		return this.protocol;
	}

	/**
	 * The call to make: the request with the injected headers added (they replace branch
	 * headers of the same name, a stale {@code traceparent} say).
	 * @return the request itself when nothing was injected
	 */
	BranchRequest outgoing() {
		Map<String, String> injected = getCarrier();
		if (injected == null || injected.isEmpty()) {
			return this.request;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		if (this.request.headers() != null) {
			this.request.headers().forEach((name, value) -> {
				if (!injected.containsKey(name.toLowerCase(Locale.ROOT))) {
					headers.put(name, value);
				}
			});
		}
		headers.putAll(injected);
		BranchRequest r = this.request;
		return new BranchRequest(r.url(), r.gid(), r.transType(), r.branchId(), r.op(), r.payload(), headers,
				r.timeout(), r.protocol(), r.opName());
	}

}
