package io.dtm.client.grpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.protobuf.Empty;
import io.dtm.client.BranchRegistration;
import io.dtm.client.CoordinatorReply;
import io.dtm.client.CoordinatorTransport;
import io.dtm.core.TransRequest;
import io.dtm.grpc.DtmGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

import org.springframework.util.Assert;

/**
 * The coordinator's gRPC API (service {@code dtmgimp.Dtm}, port 36790 by default) as a
 * {@link CoordinatorTransport}: {@code NewGid}, {@code Prepare}, {@code Submit},
 * {@code Abort} and {@code RegisterBranch} through a blocking stub, each call with a
 * deadline. Requests are mapped by {@link DtmGrpcRequests}, failed calls by
 * {@link DtmGrpcStatuses#toReply}. dtm's gRPC API has no query, so
 * {@code DtmTemplate.query} keeps using HTTP.
 */
public class GrpcCoordinatorTransport implements CoordinatorTransport, AutoCloseable {

	private final ManagedChannel channel;

	private final String target;

	private final Duration timeout;

	/**
	 * A transport over a channel.
	 * @param channel the channel to the coordinator; closed by {@link #close()}
	 * @param timeout the deadline of each call; must cover a wait-result submit
	 */
	public GrpcCoordinatorTransport(ManagedChannel channel, Duration timeout) {
		Assert.notNull(channel, "'channel' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.channel = channel;
		this.target = channel.authority();
		this.timeout = timeout;
	}

	/**
	 * A transport over a plaintext channel to a target.
	 * @param target the coordinator's gRPC address, such as {@code localhost:36790} (any
	 * gRPC target string, {@code dns:///dtm:36790} for example)
	 * @param timeout the deadline of each call
	 * @return the transport
	 */
	public static GrpcCoordinatorTransport forTarget(String target, Duration timeout) {
		return forTarget(target, timeout, null);
	}

	/**
	 * A transport over a plaintext channel to a target whose every call carries an API
	 * token (metadata {@code authorization: Bearer <token>}).
	 * @param target the coordinator's gRPC address
	 * @param timeout the deadline of each call
	 * @param apiToken the token, or {@code null} or empty for none
	 * @return the transport
	 */
	public static GrpcCoordinatorTransport forTarget(String target, Duration timeout, String apiToken) {
		return forTarget(target, timeout, apiToken, (builder) -> {
		});
	}

	/**
	 * A transport over a plaintext channel to a target, customized (an observation
	 * interceptor that carries the trace context, for example).
	 * @param target the coordinator's gRPC address
	 * @param timeout the deadline of each call
	 * @param apiToken the token, or {@code null} or empty for none
	 * @param customizer customizes the channel before it is built
	 * @return the transport
	 */
	public static GrpcCoordinatorTransport forTarget(String target, Duration timeout, String apiToken,
			GrpcCoordinatorChannelCustomizer customizer) {
		Assert.hasText(target, "'target' must not be empty");
		ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forTarget(target).usePlaintext();
		if (apiToken != null && !apiToken.isBlank()) {
			Metadata metadata = new Metadata();
			metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
					"Bearer " + apiToken.strip());
			builder.intercept(MetadataUtils.newAttachHeadersInterceptor(metadata));
		}
		customizer.customize(builder);
		return new GrpcCoordinatorTransport(builder.build(), timeout);
	}

	@Override
	public CoordinatorReply newGid() {
		return call(() -> {
			String gid = stub().newGid(Empty.getDefaultInstance()).getGid();
			return CoordinatorReply.success(this.target, "gRPC OK", 0, gid);
		});
	}

	@Override
	public CoordinatorReply send(String endpoint, TransRequest request) {
		io.dtm.grpc.DtmRequest message = DtmGrpcRequests.toDtmRequest(request);
		return call(() -> {
			switch (endpoint) {
				case "prepare" -> stub().prepare(message);
				case "submit" -> stub().submit(message);
				case "abort" -> stub().abort(message);
				default -> throw new IllegalArgumentException("not a dtm gRPC call: " + endpoint);
			}
			return CoordinatorReply.success(this.target, "gRPC OK", 0, null);
		});
	}

	@Override
	public CoordinatorReply registerBranch(BranchRegistration registration) {
		io.dtm.grpc.DtmBranchRequest message = DtmGrpcRequests.toBranchRequest(registration);
		return call(() -> {
			stub().registerBranch(message);
			return CoordinatorReply.success(this.target, "gRPC OK", 0, null);
		});
	}

	/**
	 * The channel's target, as it appears in messages.
	 * @return the authority
	 */
	public String getTarget() {
		return this.target;
	}

	/**
	 * The channel to the coordinator, for other calls of dtm's gRPC API (the workflow
	 * mode's); owned by this transport.
	 * @return the channel
	 */
	public ManagedChannel getChannel() {
		return this.channel;
	}

	/**
	 * The deadline of each call.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Shut the channel down.
	 */
	@Override
	public void close() {
		this.channel.shutdown();
		try {
			if (!this.channel.awaitTermination(5, TimeUnit.SECONDS)) {
				this.channel.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.channel.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	private DtmGrpc.DtmBlockingStub stub() {
		return DtmGrpc.newBlockingStub(this.channel).withDeadlineAfter(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private CoordinatorReply call(Supplier<CoordinatorReply> call) {
		try {
			return call.get();
		}
		catch (StatusRuntimeException ex) {
			return DtmGrpcStatuses.toReply(this.target, ex);
		}
	}

}
