package io.dtm.samples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.dtm.grpc.RawBytes;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;

/**
 * {@link BenchParticipant} as its own JVM, with the branch URLs of the scenarios that
 * call it and a plain client making the same branch calls for the baselines.
 */
final class ParticipantProcess implements AutoCloseable {

	private static final byte[] PAYLOAD = "{\"amount\":30}".getBytes(StandardCharsets.UTF_8);

	private final Process process;

	private final int httpPort;

	private final int grpcPort;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final ManagedChannel channel;

	private ParticipantProcess(Process process, int httpPort, int grpcPort) {
		this.process = process;
		this.httpPort = httpPort;
		this.grpcPort = grpcPort;
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
	}

	static ParticipantProcess start() throws IOException {
		int httpPort = freePort();
		int grpcPort = freePort();
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
				"-Dsun.net.httpserver.nodelay=true", "-cp", System.getProperty("java.class.path"),
				BenchParticipant.class.getName(), String.valueOf(httpPort), String.valueOf(grpcPort))
			.redirectError(log().toFile())
			.start();
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = out.readLine();
		if (!"ready".equals(line)) {
			process.destroyForcibly();
			throw new IOException("bench participant did not start (" + line + "); see " + log());
		}
		return new ParticipantProcess(process, httpPort, grpcPort);
	}

	/**
	 * The action and compensation URL of a step of a scenario.
	 * @param scenario {@code saga-http} or {@code saga-grpc}
	 * @param method the participant method
	 * @return the URL the coordinator calls
	 */
	String url(Scenario scenario, String method) {
		return (scenario == Scenario.SAGA_GRPC)
				? "127.0.0.1:" + this.grpcPort + "/" + BenchParticipant.GRPC_SERVICE + "/" + method
				: "http://127.0.0.1:" + this.httpPort + "/api/busi/" + method;
	}

	/**
	 * One branch call as the coordinator makes it, for the baselines.
	 * @param scenario the scenario
	 * @param method the participant method
	 * @throws IOException when the call failed
	 * @throws InterruptedException when interrupted
	 */
	void call(Scenario scenario, String method) throws IOException, InterruptedException {
		if (scenario == Scenario.SAGA_GRPC) {
			ClientCalls.blockingUnaryCall(this.channel,
					RawBytes.unaryMethod(BenchParticipant.GRPC_SERVICE + "/" + method),
					io.grpc.CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), PAYLOAD);
			return;
		}
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url(scenario, method)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(PAYLOAD))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 || !response.body().contains("SUCCESS")) {
			throw new IOException("participant answered " + response.statusCode());
		}
	}

	/**
	 * How many branch calls the participant served.
	 * @return the count
	 * @throws IOException when it does not answer
	 * @throws InterruptedException when interrupted
	 */
	long calls() throws IOException, InterruptedException {
		return Long.parseLong(
				this.http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/count")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body()
					.trim());
	}

	@Override
	public void close() {
		this.channel.shutdownNow();
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private static java.nio.file.Path log() throws IOException {
		java.nio.file.Path log = java.nio.file.Path.of("target", "bench", "participant.log");
		java.nio.file.Files.createDirectories(log.getParent());
		return log;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
