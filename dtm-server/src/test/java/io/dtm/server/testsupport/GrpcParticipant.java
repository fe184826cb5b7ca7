package io.dtm.server.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.dtm.grpc.RawBytes;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;

/**
 * A real gRPC participant for tests: it serves every unary method name (the payload is
 * taken and answered as raw bytes, as dtm calls branches), records each call with its
 * metadata and payload, and answers with scripted gRPC statuses in order, then with the
 * method's default ({@code OK} unless changed). Scripts are kept per gid (from the
 * {@code dtm-gid} metadata) and method, so tests sharing one participant never see each
 * other's scripts.
 */
public final class GrpcParticipant implements AutoCloseable {

	private final Server server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();

	private final Map<String, Reply> defaults = new ConcurrentHashMap<>();

	private GrpcParticipant(NettyServerBuilder builder) {
		this.server = builder.fallbackHandlerRegistry(new AnyMethod()).build();
	}

	/**
	 * Start a participant on a free loopback port.
	 * @return the participant
	 */
	public static GrpcParticipant start() {
		GrpcParticipant participant = new GrpcParticipant(
				NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
					.executor(Executors.newCachedThreadPool()));
		try {
			participant.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return participant;
	}

	/**
	 * The loopback port this participant listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getPort();
	}

	/**
	 * A branch URL in dtm's gRPC form, {@code host:port/package.Service/Method}.
	 * @param method the full method name, such as {@code busi.Busi/TransOut}
	 * @return the URL
	 */
	public String url(String method) {
		return "127.0.0.1:" + port() + "/" + method;
	}

	/**
	 * Queue replies for the calls of one gid to one method; later calls get the default.
	 * @param gid the gid
	 * @param method the full method name
	 * @param replies the replies in order
	 * @return this participant
	 */
	public GrpcParticipant script(String gid, String method, Reply... replies) {
		this.scripts.computeIfAbsent(key(gid, method), (key) -> new ArrayDeque<>()).addAll(List.of(replies));
		return this;
	}

	/**
	 * Set what the calls of one gid to one method answer once the script is used up.
	 * @param gid the gid
	 * @param method the full method name
	 * @param reply the reply
	 * @return this participant
	 */
	public GrpcParticipant always(String gid, String method, Reply reply) {
		this.defaults.put(key(gid, method), reply);
		return this;
	}

	/**
	 * Every call so far, in arrival order.
	 * @return the calls
	 */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * Calls of one gid, in arrival order.
	 * @param gid the gid
	 * @return the calls
	 */
	public List<Call> calls(String gid) {
		return this.calls.stream().filter((call) -> gid.equals(call.gid())).toList();
	}

	/**
	 * The {@code method@op} of each call of one gid, in arrival order.
	 * @param gid the gid
	 * @return compact call descriptions such as {@code busi.Busi/TransOut@action}
	 */
	public List<String> trace(String gid) {
		return calls(gid).stream().map((call) -> call.method() + "@" + call.metadata().get("dtm-op")).toList();
	}

	@Override
	public void close() {
		this.server.shutdownNow();
		try {
			this.server.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Reply record(String method, byte[] payload, Metadata headers) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (String name : headers.keys()) {
			if (!name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				metadata.put(name.toLowerCase(Locale.ROOT),
						String.join(",", headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))));
			}
		}
		Call call = new Call(method, metadata, payload, Instant.now());
		this.calls.add(call);
		Reply reply = next(key(call.gid(), method));
		if (!reply.delay().isZero()) {
			try {
				Thread.sleep(reply.delay().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return reply;
	}

	private Reply next(String key) {
		Deque<Reply> script = this.scripts.get(key);
		if (script != null) {
			synchronized (script) {
				Reply reply = script.poll();
				if (reply != null) {
					return reply;
				}
			}
		}
		return this.defaults.getOrDefault(key, Reply.success());
	}

	private static String key(String gid, String method) {
		return gid + " " + method;
	}

	/**
	 * Serves any unary method name with the recording handler.
	 */
	private final class AnyMethod extends HandlerRegistry {

		@Override
		public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
			return ServerMethodDefinition.create(RawBytes.unaryMethod(methodName), new RecordingHandler(methodName));
		}

	}

	/**
	 * Takes one request message, records it with the call's metadata, then answers the
	 * scripted reply: an empty message and {@code OK}, or the scripted status.
	 */
	private final class RecordingHandler implements ServerCallHandler<byte[], byte[]> {

		private final String method;

		RecordingHandler(String method) {
			this.method = method;
		}

		@Override
		public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
			call.request(1);
			return new ServerCall.Listener<>() {

				private byte[] payload = new byte[0];

				@Override
				public void onMessage(byte[] message) {
					this.payload = message;
				}

				@Override
				public void onHalfClose() {
					Reply reply = record(RecordingHandler.this.method, this.payload, headers);
					try {
						if (reply.code() == Status.Code.OK) {
							call.sendHeaders(new Metadata());
							call.sendMessage(new byte[0]);
							call.close(Status.OK, new Metadata());
						}
						else {
							call.close(reply.code().toStatus().withDescription(reply.message()), new Metadata());
						}
					}
					catch (IllegalStateException ex) {
						// the caller gave up (deadline): nothing to answer
					}
				}

			};
		}

	}

	/**
	 * One recorded call.
	 *
	 * @param method full method name, such as {@code busi.Busi/TransOut}
	 * @param metadata ASCII metadata, lower-case names, repeated values joined by commas
	 * @param payload the payload bytes exactly as received
	 * @param at arrival time
	 */
	public record Call(String method, Map<String, String> metadata, byte[] payload, Instant at) {

		/**
		 * The {@code dtm-gid} metadata.
		 * @return the gid, or empty
		 */
		public String gid() {
			return this.metadata.getOrDefault("dtm-gid", "");
		}

	}

	/**
	 * One scripted reply.
	 *
	 * @param code the gRPC status code
	 * @param message the status description
	 * @param delay how long to wait before answering
	 */
	public record Reply(Status.Code code, String message, Duration delay) {

		public static Reply success() {
			return new Reply(Status.Code.OK, "", Duration.ZERO);
		}

		/** dtm's FAILURE: {@code Aborted}. */
		public static Reply failure() {
			return new Reply(Status.Code.ABORTED, "FAILURE", Duration.ZERO);
		}

		/** dtm's ONGOING: {@code FailedPrecondition}. */
		public static Reply ongoing() {
			return new Reply(Status.Code.FAILED_PRECONDITION, "ONGOING", Duration.ZERO);
		}

		public static Reply error() {
			return new Reply(Status.Code.INTERNAL, "boom", Duration.ZERO);
		}

		public static Reply slow(Duration delay) {
			return new Reply(Status.Code.OK, "", delay);
		}

		public static List<Reply> times(int count, Reply reply) {
			List<Reply> replies = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				replies.add(reply);
			}
			return replies;
		}

	}

}
