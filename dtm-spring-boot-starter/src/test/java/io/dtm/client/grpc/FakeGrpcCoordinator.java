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
import io.grpc.Server;
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

	FakeGrpcCoordinator() {
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build();
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
