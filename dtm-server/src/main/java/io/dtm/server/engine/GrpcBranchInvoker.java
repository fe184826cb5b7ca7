package io.dtm.server.engine;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.dtm.core.BranchOutcome;
import io.dtm.core.DtmResult;
import io.dtm.grpc.RawBytes;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls branches over gRPC as dtm does: a unary call of the URL's method whose request
 * message is the branch payload exactly as stored (no protobuf encoding; the reply is
 * read and ignored), with metadata {@code dtm-gid}, {@code dtm-trans_type},
 * {@code dtm-branch_id}, {@code dtm-op} and an empty {@code dtm-dtm}, then the
 * transaction's branch headers (names in lower case; a name gRPC cannot carry is
 * skipped), and the call's timeout as deadline. The status is read as dtm reads it:
 * {@code OK} is success, {@code ABORTED} a failure (an {@code ONGOING} message means
 * ongoing, as before dtm 1.10), {@code FAILED_PRECONDITION} ongoing, anything else an
 * error that is retried. Service URLs ({@code nacos://}, {@code lb://}) are resolved
 * before each call. An empty URL succeeds at once.
 */
public class GrpcBranchInvoker implements BranchInvoker {

	private static final Logger logger = LoggerFactory.getLogger(GrpcBranchInvoker.class);

	private final GrpcChannels channels;

	private final UrlResolver resolver;

	private final BranchUrlGuard guard;

	/**
	 * Create the invoker.
	 * @param channels the channel pool
	 * @param resolver resolves service URLs before each call
	 */
	public GrpcBranchInvoker(GrpcChannels channels, UrlResolver resolver) {
		this(channels, resolver, BranchUrlGuard.permissive());
	}

	/**
	 * Create the invoker.
	 * @param channels the channel pool
	 * @param resolver resolves service URLs before each call
	 * @param guard checks each target's address right before the call
	 */
	public GrpcBranchInvoker(GrpcChannels channels, UrlResolver resolver, BranchUrlGuard guard) {
		this.channels = channels;
		this.resolver = resolver;
		this.guard = guard;
	}

	@Override
	public BranchCallResult invoke(BranchRequest request) {
		if (request.url() == null || request.url().isEmpty()) {
			return BranchCallResult.success();
		}
		GrpcTarget target;
		String authority;
		try {
			target = GrpcTarget.parse(request.url());
			authority = target.isService() ? resolve(target.serviceUrl()) : target.authority();
		}
		catch (IllegalArgumentException ex) {
			return BranchCallResult.retried(request, BranchCallResult.INVALID_REQUEST, ex.getMessage());
		}
		catch (RuntimeException ex) {
			return BranchCallResult.retried(request, BranchCallResult.UNRESOLVED_URL,
					"cannot resolve the URL now: " + ex.getMessage());
		}
		Optional<String> refusal = this.guard.refusalOfGrpcCall(authority,
				target.isService() && this.guard.vouchesFor(target.serviceUrl()));
		if (refusal.isPresent()) {
			return BranchCallResult.retried(request, BranchCallResult.URL_DENIED, "not called: " + refusal.get());
		}
		try {
			Channel channel = ClientInterceptors.intercept(this.channels.channel(authority),
					MetadataUtils.newAttachHeadersInterceptor(metadata(request)));
			CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(request.timeout().toNanos(),
					TimeUnit.NANOSECONDS);
			byte[] payload = (request.payload() != null) ? request.payload() : new byte[0];
			ClientCalls.blockingUnaryCall(channel, RawBytes.unaryMethod(target.fullMethodName()), options, payload);
			return new BranchCallResult(BranchOutcome.SUCCESS, "", Status.Code.OK.name());
		}
		catch (StatusRuntimeException ex) {
			return result(request, ex.getStatus());
		}
		catch (RuntimeException ex) {
			TransportErrors.Reason reason = TransportErrors.classify(ex);
			return BranchCallResult.retried(request, reason.code(), reason.detail());
		}
	}

	/**
	 * The metadata of a call, in dtm's order.
	 * @param request the call
	 * @return the metadata
	 */
	static Metadata metadata(BranchRequest request) {
		Metadata metadata = new Metadata();
		put(metadata, "dtm-gid", request.gid());
		put(metadata, "dtm-trans_type", request.transType().wireValue());
		put(metadata, "dtm-branch_id", request.branchId());
		put(metadata, "dtm-op", request.opName());
		// dtm's server sends its own address empty
		put(metadata, "dtm-dtm", "");
		if (request.headers() != null) {
			for (Map.Entry<String, String> header : request.headers().entrySet()) {
				try {
					put(metadata, header.getKey(), header.getValue());
				}
				catch (IllegalArgumentException | NullPointerException ex) {
					logger.debug("branch header '{}' cannot be sent as gRPC metadata: {}", header.getKey(),
							ex.getMessage());
				}
			}
		}
		return metadata;
	}

	/**
	 * dtm's reading of a gRPC status.
	 * @param status the status of the call
	 * @return the outcome
	 */
	static BranchOutcome outcome(Status status) {
		return switch (status.getCode()) {
			case OK -> BranchOutcome.SUCCESS;
			case ABORTED -> DtmResult.ONGOING.wireValue().equals(status.getDescription()) ? BranchOutcome.ONGOING
					: BranchOutcome.FAILURE;
			case FAILED_PRECONDITION -> BranchOutcome.ONGOING;
			default -> BranchOutcome.ERROR;
		};
	}

	private String resolve(URI serviceUrl) {
		if (!this.resolver.supports(serviceUrl)) {
			throw new IllegalStateException("no resolver for URL scheme '" + serviceUrl.getScheme() + "'");
		}
		URI resolved = this.resolver.resolveGrpc(serviceUrl);
		if (resolved.getHost() == null || resolved.getPort() < 0) {
			throw new IllegalStateException("'" + serviceUrl + "' resolved to '" + resolved + "', which has no port");
		}
		return resolved.getRawAuthority();
	}

	/**
	 * The result of a call that ended with a status other than {@code OK}; its code is
	 * the status name.
	 */
	private static BranchCallResult result(BranchRequest request, Status status) {
		BranchOutcome outcome = outcome(status);
		String code = status.getCode().name();
		if (outcome != BranchOutcome.ERROR) {
			return new BranchCallResult(outcome,
					"gRPC " + status.getCode() + " " + BranchCallResult.excerpt(status.getDescription()), code);
		}
		if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
			return BranchCallResult.retried(request, code, "timed out after " + request.timeout().toMillis() + " ms");
		}
		if (status.getCode() == Status.Code.CANCELLED && Thread.currentThread().isInterrupted()) {
			return BranchCallResult.error(BranchCallResult.INTERRUPTED, "interrupted");
		}
		String detail = "gRPC " + status.getCode();
		if (status.getDescription() != null && !status.getDescription().isBlank()) {
			detail += " " + BranchCallResult.excerpt(status.getDescription());
		}
		else if (status.getCause() != null) {
			detail += " " + TransportErrors.describe(status.getCause());
		}
		return BranchCallResult.retried(request, code, detail);
	}

	private static void put(Metadata metadata, String name, String value) {
		metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), (value != null) ? value : "");
	}

}
