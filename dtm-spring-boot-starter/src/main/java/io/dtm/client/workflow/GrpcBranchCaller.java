package io.dtm.client.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.dtm.client.CoordinatorReply;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.grpc.DtmGrpcStatuses;
import io.dtm.client.grpc.GrpcBranchBarriers;
import io.dtm.grpc.RawBytes;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

/**
 * gRPC calls of workflow branches, to URLs of dtm's form
 * {@code host:port/package.Service/Method}: the request's bytes as they are, with the
 * branch's {@code dtm-gid}, {@code dtm-trans_type}, {@code dtm-branch_id}, {@code dtm-op}
 * and {@code dtm-dtm} metadata (what the participant's barrier reads), answered OK,
 * {@code ABORTED} (a {@link DtmFailure}) or {@code FAILED_PRECONDITION} (a
 * {@link DtmOngoing}), read by {@link DtmGrpcStatuses#toReply}. One plaintext channel per
 * {@code host:port}, shut down by {@link #close()}. Thread-safe.
 */
final class GrpcBranchCaller implements AutoCloseable {

	private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

	private final Duration timeout;

	private volatile boolean closed;

	GrpcBranchCaller(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Call a branch.
	 * @param url {@code host:port/package.Service/Method}
	 * @param request the request message's bytes
	 * @param barrier the branch's gid, branch id and op
	 * @param dtm the coordinator's address, sent as {@code dtm-dtm}
	 * @return the reply message's bytes
	 * @throws DtmFailure on {@code ABORTED}
	 * @throws DtmOngoing on {@code FAILED_PRECONDITION}
	 * @throws IllegalStateException on any other status
	 * @throws IllegalArgumentException when the URL is not of dtm's form
	 */
	byte[] call(String url, byte[] request, BranchBarrier barrier, String dtm) {
		int slash = url.indexOf('/');
		if (slash <= 0 || url.indexOf('/', slash + 1) < 0 || url.contains("://")) {
			throw new IllegalArgumentException(
					"not a gRPC branch URL: '" + url + "' (expected host:port/package.Service/Method)");
		}
		String authority = url.substring(0, slash);
		Metadata headers = new Metadata();
		headers.put(GrpcBranchBarriers.GID, barrier.getGid());
		headers.put(GrpcBranchBarriers.TRANS_TYPE, barrier.getTransType().wireValue());
		headers.put(GrpcBranchBarriers.BRANCH_ID, barrier.getBranchId());
		headers.put(GrpcBranchBarriers.OP, barrier.getOp().wireValue());
		headers.put(GrpcBranchBarriers.DTM, (dtm != null) ? dtm : "");
		try {
			return ClientCalls.blockingUnaryCall(
					ClientInterceptors.intercept(channel(authority),
							MetadataUtils.newAttachHeadersInterceptor(headers)),
					RawBytes.unaryMethod(url.substring(slash + 1)),
					CallOptions.DEFAULT.withDeadlineAfter(this.timeout.toMillis(), TimeUnit.MILLISECONDS), request);
		}
		catch (StatusRuntimeException ex) {
			CoordinatorReply reply = DtmGrpcStatuses.toReply(url, ex);
			if (reply.kind() == CoordinatorReply.Kind.FAILURE) {
				throw DtmFailure.of(reply.message(), barrier.getGid());
			}
			if (reply.kind() == CoordinatorReply.Kind.ONGOING) {
				throw DtmOngoing.of(reply.message(), barrier.getGid());
			}
			throw new IllegalStateException(
					"workflow branch " + barrier.getBranchId() + " " + barrier.getOp() + " at " + url
							+ " answered gRPC " + ex.getStatus().getCode() + ": " + ex.getStatus().getDescription(),
					ex);
		}
	}

	private ManagedChannel channel(String authority) {
		if (this.closed) {
			throw new IllegalStateException("the workflows' gRPC channels are shut down");
		}
		ManagedChannel channel = this.channels.computeIfAbsent(authority,
				(target) -> ManagedChannelBuilder.forTarget(target).usePlaintext().build());
		if (this.closed) {
			// opened while close() ran
			channel.shutdownNow();
			throw new IllegalStateException("the workflows' gRPC channels are shut down");
		}
		return channel;
	}

	/**
	 * The channels opened so far, by {@code host:port}.
	 */
	Map<String, ManagedChannel> channels() {
		return Map.copyOf(this.channels);
	}

	/**
	 * Shut every channel down.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.channels.values().forEach(ManagedChannel::shutdown);
		for (ManagedChannel channel : this.channels.values()) {
			try {
				if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
					channel.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				channel.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
		this.channels.clear();
	}

}
