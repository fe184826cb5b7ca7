package io.dtm.server.security;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * The API's access rules ({@link ApiAccess}) on dtm's gRPC service {@code dtmgimp.Dtm}:
 * the client network, the bearer token in the {@code authorization} metadata and the
 * operator's methods. Refusals close the call with {@code PERMISSION_DENIED} (network,
 * role) or {@code UNAUTHENTICATED} (no or an unknown token). Health and reflection stay
 * open.
 */
public class GrpcApiAccessInterceptor implements ServerInterceptor {

	private static final String SERVICE_PREFIX = "dtmgimp.Dtm/";

	private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private final ApiAccess access;

	private final ClientRateLimiter limiter;

	/**
	 * The interceptor.
	 * @param access the rules
	 * @param limiter the per-client rate limit, or {@code null} for none
	 */
	public GrpcApiAccessInterceptor(ApiAccess access, ClientRateLimiter limiter) {
		this.access = access;
		this.limiter = limiter;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		String method = call.getMethodDescriptor().getFullMethodName();
		if (!method.startsWith(SERVICE_PREFIX)) {
			return next.startCall(call, headers);
		}
		String address = address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
		if (this.limiter != null && !this.limiter.tryAcquire(address)) {
			return refuse(call, Status.RESOURCE_EXHAUSTED
				.withDescription("more calls per second from this client than dtm.server.limits.rate-per-client"));
		}
		if (!this.access.restricts() && !this.access.hasTokens()) {
			return next.startCall(call, headers);
		}
		if (!this.access.networkAllowed(address)) {
			return refuse(call, Status.PERMISSION_DENIED.withDescription(this.access.networkRefusal(address)));
		}
		Optional<String> token = ApiAccess.bearer(headers.get(AUTHORIZATION));
		Optional<ApiCaller> caller = token.flatMap(this.access::caller);
		if (token.isPresent() && caller.isEmpty() && this.access.tokenRequired()) {
			return refuse(call, Status.UNAUTHENTICATED.withDescription(ApiAccess.UNKNOWN_TOKEN));
		}
		boolean operatorMethod = ApiAccess.OPERATOR_METHODS.contains(method);
		if (caller.isEmpty()
				&& (this.access.tokenRequired() || (operatorMethod && this.access.operatorCallsRestricted()))) {
			return refuse(call, Status.UNAUTHENTICATED.withDescription(
					"this call needs metadata authorization: Bearer <token> with a token of dtm.server.security.api.tokens"));
		}
		if (operatorMethod && this.access.operatorCallsRestricted() && !caller.get().isOperator()) {
			return refuse(call, Status.PERMISSION_DENIED.withDescription(ApiAccess.OPERATOR_NEEDED));
		}
		return next.startCall(call, headers);
	}

	private static String address(SocketAddress remote) {
		return (remote instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() : null;
	}

	private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
		call.close(status, new Metadata());
		return new ServerCall.Listener<>() {
		};
	}

}
