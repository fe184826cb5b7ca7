package io.dtm.client.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import io.dtm.grpc.DtmBranchRequest;
import io.dtm.grpc.DtmGidReply;
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A fake coordinator on dtm's gRPC API (a real Netty server on a loopback port): records
 * every request and answers with scripted statuses per method, then OK.
 */
final class FakeGrpcCoordinator extends DtmGrpc.DtmImplBase implements AutoCloseable {

	private final Server server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Status>> scripts = new ConcurrentHashMap<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	FakeGrpcCoordinator() {
		Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
		ServerInterceptor recordAuthorization = new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				String value = headers.get(authorization);
				FakeGrpcCoordinator.this.authorizations.add((value != null) ? value : "");
				return next.startCall(call, headers);
			}

		};
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(this, recordAuthorization))
			.build();
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String target() {
		return "127.0.0.1:" + this.server.getPort();
	}

	FakeGrpcCoordinator script(String method, Status... statuses) {
		this.scripts.computeIfAbsent(method, (key) -> new ArrayDeque<>()).addAll(List.of(statuses));
		return this;
	}

	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * The {@code authorization} metadata of every call, empty when a call had none.
	 * @return the values in call order
	 */
	List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	List<String> methods() {
		return this.calls.stream().map(Call::method).toList();
	}

	@Override
	public void newGid(Empty request, StreamObserver<DtmGidReply> reply) {
		answer("NewGid", request, reply, DtmGidReply.newBuilder().setGid("gid-from-grpc").build());
	}

	@Override
	public void submit(DtmRequest request, StreamObserver<Empty> reply) {
		answer("Submit", request, reply, Empty.getDefaultInstance());
	}

	@Override
	public void prepare(DtmRequest request, StreamObserver<Empty> reply) {
		answer("Prepare", request, reply, Empty.getDefaultInstance());
	}

	@Override
	public void abort(DtmRequest request, StreamObserver<Empty> reply) {
		answer("Abort", request, reply, Empty.getDefaultInstance());
	}

	@Override
	public void registerBranch(DtmBranchRequest request, StreamObserver<Empty> reply) {
		answer("RegisterBranch", request, reply, Empty.getDefaultInstance());
	}

	private <T> void answer(String method, Message request, StreamObserver<T> reply, T ok) {
		this.calls.add(new Call(method, request));
		Deque<Status> script = this.scripts.get(method);
		Status status = (script != null) ? script.poll() : null;
		if (status != null && !status.isOk()) {
			reply.onError(status.asRuntimeException());
			return;
		}
		reply.onNext(ok);
		reply.onCompleted();
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	record Call(String method, Message request) {

		DtmRequest dtmRequest() {
			return (DtmRequest) this.request;
		}

		DtmBranchRequest branchRequest() {
			return (DtmBranchRequest) this.request;
		}

	}

}
