package io.dtm.client.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.dtm.grpc.RawBytes;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;

/**
 * A real gRPC participant service for tests ({@code busi.Busi}, raw byte payloads) on a
 * loopback Netty server, with a client that calls it as the coordinator does: with the
 * {@code dtm-*} metadata.
 */
final class GrpcBusi implements AutoCloseable {

	private final Server server;

	private final ManagedChannel channel;

	private GrpcBusi(Server server) {
		this.server = server;
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
	}

	/**
	 * Start the service behind an interceptor.
	 * @param interceptor the interceptor
	 * @param handlers what each method does with the request bytes (throwing ends the
	 * call as the interceptor decides)
	 * @return the running service
	 */
	static GrpcBusi start(ServerInterceptor interceptor, Map<String, Consumer<byte[]>> handlers) {
		ServerServiceDefinition.Builder service = ServerServiceDefinition.builder("busi.Busi");
		handlers
			.forEach((name, handler) -> service.addMethod(method(name), ServerCalls.asyncUnaryCall((request, reply) -> {
				handler.accept(request);
				reply.onNext(new byte[0]);
				reply.onCompleted();
			})));
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(service.build(), interceptor))
			.build();
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new GrpcBusi(server);
	}

	/**
	 * The branch URL of a method, as the coordinator calls it.
	 * @param name the method name in {@code busi.Busi}
	 * @return {@code 127.0.0.1:port/busi.Busi/name}
	 */
	String url(String name) {
		return "127.0.0.1:" + this.server.getPort() + "/busi.Busi/" + name;
	}

	/**
	 * Call a method as the coordinator calls a branch.
	 * @param name the method name in {@code busi.Busi}
	 * @param metadata the metadata, such as {@code dtm-gid}
	 * @param payload the request
	 * @return the status the call ended with
	 */
	Status call(String name, Map<String, String> metadata, String payload) {
		Metadata headers = new Metadata();
		metadata.forEach((key, value) -> headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value));
		try {
			ClientCalls.blockingUnaryCall(
					ClientInterceptors.intercept(this.channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
					method(name), CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), payload.getBytes());
			return Status.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus();
		}
	}

	static Map<String, String> branch(String gid, String transType, String branchId, String op) {
		return Map.of("dtm-gid", gid, "dtm-trans_type", transType, "dtm-branch_id", branchId, "dtm-op", op, "dtm-dtm",
				"127.0.0.1:36790");
	}

	@Override
	public void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	private static MethodDescriptor<byte[], byte[]> method(String name) {
		return RawBytes.unaryMethod("busi.Busi/" + name);
	}

}
