package io.dtm.client.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.grpc.DtmGrpcServerInterceptor;
import io.dtm.client.grpc.GrpcBranchBarriers;
import io.dtm.grpc.RawBytes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;

/**
 * A real gRPC participant ({@code busi.Busi} on a loopback Netty server, behind the
 * starter's {@link DtmGrpcServerInterceptor}) whose methods take and answer a
 * {@link StringValue}: it records every call with its {@code dtm-*} metadata and the
 * barrier the interceptor resolved, and answers {@code "<method>:<request>"} or a
 * scripted status.
 */
final class GrpcParticipant implements AutoCloseable {

	private static final List<String> METHODS = List.of("TransOut", "TransOutRevert", "TransIn", "TransInRevert",
			"Confirm");

	private final Server server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Status> statuses = new ConcurrentHashMap<>();

	GrpcParticipant() {
		ServerServiceDefinition.Builder service = ServerServiceDefinition.builder("busi.Busi");
		for (String method : METHODS) {
			service.addMethod(RawBytes.unaryMethod("busi.Busi/" + method),
					ServerCalls.asyncUnaryCall((request, reply) -> {
						String text = text(request);
						BranchBarrier barrier = GrpcBranchBarriers.current();
						this.calls.add(new Call(method, text, CapturedHeaders.HEADERS.get(),
								barrier.getBranchId() + " " + barrier.getOp().wireValue()));
						Status status = this.statuses.get(method);
						if (status != null) {
							reply.onError(status.asRuntimeException());
							return;
						}
						reply.onNext(StringValue.of(method + ":" + text).toByteArray());
						reply.onCompleted();
					}));
		}
		ServerServiceDefinition intercepted = ServerInterceptors.intercept(service.build(),
				new DtmGrpcServerInterceptor(), new CapturedHeaders());
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(intercepted)
			.build();
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String method) {
		return "127.0.0.1:" + this.server.getPort() + "/busi.Busi/" + method;
	}

	void answer(String method, Status status) {
		this.statuses.put(method, status);
	}

	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	List<String> called() {
		return this.calls.stream().map((call) -> call.method() + " " + call.barrier()).toList();
	}

	private static String text(byte[] request) {
		try {
			return StringValue.parseFrom(request).getValue();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * A call as the participant saw it.
	 */
	record Call(String method, String request, Map<String, String> metadata, String barrier) {

	}

	/**
	 * Puts the {@code dtm-*} metadata of the call into the gRPC {@link Context}.
	 */
	private static final class CapturedHeaders implements ServerInterceptor {

		static final Context.Key<Map<String, String>> HEADERS = Context.key("test-dtm-headers");

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			Map<String, String> dtm = new TreeMap<>();
			for (String key : headers.keys()) {
				if (key.startsWith("dtm-")) {
					dtm.put(key, headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
				}
			}
			return Contexts.interceptCall(Context.current().withValue(HEADERS, dtm), call, headers, next);
		}

	}

}
