package io.dtm.client.grpc;

import java.util.function.Supplier;

import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import io.dtm.client.barrier.JdbcBarrier;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Makes gRPC branch handlers work like the starter's HTTP ones:
 * <ul>
 * <li>reads the call's {@code dtm-*} metadata into the gRPC {@link Context}, so the
 * handler gets its barrier with {@link GrpcBranchBarriers#current()}, bound to the
 * application's {@link JdbcBarrier};</li>
 * <li>answers the outcome exceptions the handler throws (or passes to
 * {@code StreamObserver.onError}) with the statuses dtm expects
 * ({@link DtmGrpcStatuses#toStatus(Throwable)}): {@link DtmFailure} {@code ABORTED},
 * {@link DtmOngoing} {@code FAILED_PRECONDITION}.</li>
 * </ul>
 * Calls without dtm metadata pass through unchanged (asking them for a barrier throws).
 * Thread-safe.
 */
public class DtmGrpcServerInterceptor implements ServerInterceptor {

	private final Supplier<JdbcBarrier> jdbcBarrier;

	/**
	 * An interceptor whose barriers are not bound to a {@link JdbcBarrier}.
	 */
	public DtmGrpcServerInterceptor() {
		this(() -> null);
	}

	/**
	 * An interceptor whose barriers are bound to a {@link JdbcBarrier}.
	 * @param jdbcBarrier supplies the barrier (or {@code null}) for each call
	 */
	public DtmGrpcServerInterceptor(Supplier<JdbcBarrier> jdbcBarrier) {
		this.jdbcBarrier = jdbcBarrier;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		OutcomeCall<Q, R> outcomeCall = new OutcomeCall<>(call);
		Context context = Context.current()
			.withValue(GrpcBranchBarriers.CONTEXT_KEY, GrpcBranchBarriers.resolve(headers, this.jdbcBarrier.get()));
		ServerCall.Listener<Q> listener;
		try {
			listener = Contexts.interceptCall(context, outcomeCall, headers, next);
		}
		catch (RuntimeException ex) {
			outcomeCall.closeWith(ex);
			return new ServerCall.Listener<>() {
			};
		}
		return new OutcomeListener<>(listener, outcomeCall);
	}

	/**
	 * Rewrites a status whose cause is an outcome exception, and closes at most once.
	 */
	private static final class OutcomeCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

		private volatile boolean closed;

		OutcomeCall(ServerCall<Q, R> delegate) {
			super(delegate);
		}

		@Override
		public void close(Status status, Metadata trailers) {
			Status mapped = (!status.isOk() && status.getCause() != null) ? DtmGrpcStatuses.toStatus(status.getCause())
					: null;
			this.closed = true;
			super.close((mapped != null) ? mapped : status, trailers);
		}

		void closeWith(RuntimeException ex) {
			Status status = DtmGrpcStatuses.toStatus(ex);
			if (status == null || this.closed) {
				throw ex;
			}
			close(status, new Metadata());
		}

	}

	/**
	 * Answers an outcome exception thrown by the handler.
	 */
	private static final class OutcomeListener<Q>
			extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

		private final OutcomeCall<Q, ?> call;

		OutcomeListener(ServerCall.Listener<Q> delegate, OutcomeCall<Q, ?> call) {
			super(delegate);
			this.call = call;
		}

		@Override
		public void onMessage(Q message) {
			try {
				super.onMessage(message);
			}
			catch (RuntimeException ex) {
				this.call.closeWith(ex);
			}
		}

		@Override
		public void onHalfClose() {
			try {
				super.onHalfClose();
			}
			catch (RuntimeException ex) {
				this.call.closeWith(ex);
			}
		}

		@Override
		public void onReady() {
			try {
				super.onReady();
			}
			catch (RuntimeException ex) {
				this.call.closeWith(ex);
			}
		}

	}

}
