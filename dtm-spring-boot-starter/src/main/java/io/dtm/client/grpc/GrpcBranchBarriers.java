package io.dtm.client.grpc;

import java.util.ArrayList;
import java.util.List;

import io.dtm.client.DtmRequestException;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;
import io.grpc.Context;
import io.grpc.Metadata;

/**
 * The {@link BranchBarrier} of a gRPC branch call. The coordinator sends the branch's
 * identity as metadata ({@code dtm-gid}, {@code dtm-trans_type}, {@code dtm-branch_id},
 * {@code dtm-op}, and {@code dtm-dtm}, the coordinator's address); this class reads it,
 * either directly from the {@link Metadata} or, inside a handler of a service behind
 * {@link DtmGrpcServerInterceptor}, from the call's gRPC {@link Context}:
 *
 * <pre class="code">
 * public void transOut(Transfer request, StreamObserver&lt;Empty&gt; reply) {
 *     GrpcBranchBarriers.current().call((tx) -&gt; accounts.adjust(request.getUserId(), -request.getAmount()));
 *     reply.onNext(Empty.getDefaultInstance());
 *     reply.onCompleted();
 * }
 * </pre>
 */
public final class GrpcBranchBarriers {

	/** The gid. */
	public static final Metadata.Key<String> GID = key("dtm-gid");

	/** The mode, such as {@code saga}. */
	public static final Metadata.Key<String> TRANS_TYPE = key("dtm-trans_type");

	/** The branch id. */
	public static final Metadata.Key<String> BRANCH_ID = key("dtm-branch_id");

	/** The operation, such as {@code compensate}. */
	public static final Metadata.Key<String> OP = key("dtm-op");

	/** The coordinator's address, as the caller knows it (may be empty). */
	public static final Metadata.Key<String> DTM = key("dtm-dtm");

	static final Context.Key<Resolved> CONTEXT_KEY = Context.key("dtm-branch-barrier");

	private GrpcBranchBarriers() {
	}

	/**
	 * The barrier of the gRPC call being handled, as {@link DtmGrpcServerInterceptor}
	 * read it; bound to the application's {@link JdbcBarrier} when there is exactly one.
	 * The same instance for the whole call, so several barrier calls in one handler get
	 * barrier ids {@code 01}, {@code 02}….
	 * @return the barrier
	 * @throws DtmRequestException if the call carries no dtm metadata (the interceptor
	 * answers it {@code INVALID_ARGUMENT})
	 * @throws IllegalStateException if the service is not behind
	 * {@link DtmGrpcServerInterceptor}, or this runs outside the handler's thread
	 */
	public static BranchBarrier current() {
		Resolved resolved = CONTEXT_KEY.get();
		if (resolved == null) {
			throw new IllegalStateException("no dtm branch call in the current gRPC Context: register "
					+ "DtmGrpcServerInterceptor for this service (Spring gRPC picks the auto-configured bean up), "
					+ "or read the barrier with GrpcBranchBarriers.fromMetadata(headers)");
		}
		return resolved.barrier();
	}

	/**
	 * A barrier from a call's metadata, not bound to a {@link JdbcBarrier}.
	 * @param metadata the call's headers
	 * @return the barrier
	 * @throws DtmRequestException if a {@code dtm-*} key is missing or unknown
	 */
	public static BranchBarrier fromMetadata(Metadata metadata) {
		return fromMetadata(metadata, null);
	}

	/**
	 * A barrier from a call's metadata.
	 * @param metadata the call's headers
	 * @param jdbcBarrier the barrier {@link BranchBarrier#call} uses, may be {@code null}
	 * @return the barrier
	 * @throws DtmRequestException if a {@code dtm-*} key is missing or unknown
	 */
	public static BranchBarrier fromMetadata(Metadata metadata, JdbcBarrier jdbcBarrier) {
		List<String> missing = new ArrayList<>();
		for (Metadata.Key<String> key : List.of(GID, TRANS_TYPE, BRANCH_ID, OP)) {
			String value = metadata.get(key);
			if (value == null || value.isEmpty()) {
				missing.add("'" + key.name() + "'");
			}
		}
		if (!missing.isEmpty()) {
			throw new DtmRequestException(metadata.get(GID),
					"not a dtm branch call: missing gRPC metadata " + String.join(", ", missing)
							+ " (the coordinator calls a gRPC branch with dtm-gid, dtm-trans_type, dtm-branch_id"
							+ " and dtm-op)");
		}
		return BranchBarrier.fromWire(metadata.get(TRANS_TYPE), metadata.get(GID), metadata.get(BRANCH_ID),
				metadata.get(OP), jdbcBarrier);
	}

	static Resolved resolve(Metadata metadata, JdbcBarrier jdbcBarrier) {
		try {
			return new Resolved(fromMetadata(metadata, jdbcBarrier), null);
		}
		catch (DtmRequestException ex) {
			return new Resolved(null, ex);
		}
	}

	private static Metadata.Key<String> key(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

	/**
	 * A call's barrier, or why it has none.
	 */
	record Resolved(BranchBarrier value, DtmRequestException error) {

		BranchBarrier barrier() {
			if (this.error != null) {
				throw new DtmRequestException(this.error.getGid(), this.error.getMessage());
			}
			return this.value;
		}

	}

}
