package io.dtm.samples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dtm.grpc.RawBytes;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;

/**
 * The participant of the {@code saga-http} and {@code saga-grpc} scenarios, run by the
 * bench as its own JVM so that its work does not share the coordinator's: every HTTP
 * {@code POST} answers {@code 200 {"dtm_result":"SUCCESS"}} at once, every gRPC call of
 * {@code bench.Busi} answers an empty message at once. {@code GET /count} tells how many
 * branch calls it served (the bench checks the coordinator really called it).
 *
 * <p>
 * Usage: {@code BenchParticipant <httpPort> <grpcPort>}; it prints {@code ready} when
 * both listen.
 */
public final class BenchParticipant {

	/** The gRPC service the {@code saga-grpc} branches call. */
	static final String GRPC_SERVICE = "bench.Busi";

	private static final byte[] SUCCESS = "{\"dtm_result\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);

	private static final AtomicLong CALLS = new AtomicLong();

	private BenchParticipant() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		ExecutorService workers = Executors.newFixedThreadPool(64);
		HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 512);
		http.setExecutor(workers);
		http.createContext("/", BenchParticipant::answer);
		http.start();
		Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])))
			.addService(grpcService())
			.build()
			.start();
		System.out.println("ready");
		System.out.flush();
		grpc.awaitTermination();
	}

	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
			body.readAllBytes();
			byte[] response = SUCCESS;
			if ("GET".equals(exchange.getRequestMethod())) {
				response = String.valueOf(CALLS.get()).getBytes(StandardCharsets.UTF_8);
			}
			else {
				CALLS.incrementAndGet();
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, response.length);
			out.write(response);
		}
	}

	private static ServerServiceDefinition grpcService() {
		ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(GRPC_SERVICE);
		for (String method : new String[] { "TransOut", "TransOutRevert", "TransIn", "TransInRevert" }) {
			service.addMethod(RawBytes.unaryMethod(GRPC_SERVICE + "/" + method),
					ServerCalls.asyncUnaryCall((request, reply) -> {
						CALLS.incrementAndGet();
						reply.onNext(new byte[0]);
						reply.onCompleted();
					}));
		}
		return service.build();
	}

}
