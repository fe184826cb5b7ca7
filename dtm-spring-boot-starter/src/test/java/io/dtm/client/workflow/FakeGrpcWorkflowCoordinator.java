package io.dtm.client.workflow;

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
import io.dtm.grpc.DtmGrpc;
import io.dtm.grpc.DtmProgressesReply;
import io.dtm.grpc.DtmRequest;
import io.dtm.grpc.DtmTransaction;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A fake coordinator on dtm's gRPC API for workflows (a real Netty server on a loopback
 * port): records every {@code PrepareWorkflow}, {@code RegisterBranch} and
 * {@code Submit}, answers {@code PrepareWorkflow} with a scripted reply (a prepared
 * workflow without progress when not scripted), and fails calls with scripted statuses.
 */
final class FakeGrpcWorkflowCoordinator extends DtmGrpc.DtmImplBase implements AutoCloseable {

	private final Server server;

	private final ManagedChannel channel;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Status>> scripts = new ConcurrentHashMap<>();

	private volatile DtmProgressesReply prepareReply = DtmProgressesReply.newBuilder()
		.setTransaction(DtmTransaction.newBuilder().setStatus("prepared"))
		.build();

	FakeGrpcWorkflowCoordinator() {
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build();
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.channel = NettyChannelBuilder.forTarget(target()).usePlaintext().build();
	}

	String target() {
		return "127.0.0.1:" + this.server.getPort();
	}

	/**
	 * A channel to this coordinator, closed with it.
	 */
	ManagedChannel channel() {
		return this.channel;
	}

	void replyToPrepare(DtmProgressesReply reply) {
		this.prepareReply = reply;
	}

	FakeGrpcWorkflowCoordinator script(String method, Status... statuses) {
		this.scripts.computeIfAbsent(method, (key) -> new ArrayDeque<>()).addAll(List.of(statuses));
		return this;
	}

	List<String> methods() {
		return this.calls.stream().map(Call::method).toList();
	}

	List<DtmRequest> requests(String method) {
		return this.calls.stream()
			.filter((call) -> call.method().equals(method))
			.map((call) -> (DtmRequest) call.request())
			.toList();
	}

	List<DtmBranchRequest> branches() {
		return this.calls.stream()
			.filter((call) -> call.method().equals("RegisterBranch"))
			.map((call) -> (DtmBranchRequest) call.request())
			.toList();
	}

	@Override
	public void prepareWorkflow(DtmRequest request, StreamObserver<DtmProgressesReply> reply) {
		answer("PrepareWorkflow", request, reply, this.prepareReply);
	}

	@Override
	public void registerBranch(DtmBranchRequest request, StreamObserver<Empty> reply) {
		answer("RegisterBranch", request, reply, Empty.getDefaultInstance());
	}

	@Override
	public void submit(DtmRequest request, StreamObserver<Empty> reply) {
		answer("Submit", request, reply, Empty.getDefaultInstance());
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
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	record Call(String method, Message request) {

	}

}
