package io.dtm.server.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP participant for tests: it records every call and answers each path with
 * scripted replies (status, body, delay) in order, then with the path's default (200
 * SUCCESS unless changed).
 */
public final class ScriptedParticipant implements AutoCloseable {

	private final HttpServer server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();

	private final Map<String, Reply> defaults = new ConcurrentHashMap<>();

	private ScriptedParticipant(HttpServer server) {
		this.server = server;
	}

	/**
	 * Start a participant on a free loopback port.
	 * @return the participant
	 */
	public static ScriptedParticipant start() {
		return start("127.0.0.1");
	}

	/**
	 * Start a participant on a free port of an address.
	 * @param bindAddress the address it listens on ({@code 0.0.0.0} for every one, so
	 * that every loopback address such as {@code 127.0.0.2} reaches it)
	 * @return the participant
	 */
	public static ScriptedParticipant start(String bindAddress) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 200);
			ScriptedParticipant participant = new ScriptedParticipant(server);
			server.createContext("/", participant::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return participant;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The loopback port this participant listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Absolute URL of a path on this participant.
	 * @param path the path, starting with {@code /}
	 * @return the URL
	 */
	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/**
	 * Queue replies for a path; later calls get the path's default.
	 * @param path the path
	 * @param replies the replies in order
	 * @return this participant
	 */
	public ScriptedParticipant script(String path, Reply... replies) {
		this.scripts.computeIfAbsent(path, (key) -> new ArrayDeque<>()).addAll(List.of(replies));
		return this;
	}

	/**
	 * Set what a path answers once its script is used up.
	 * @param path the path
	 * @param reply the reply
	 * @return this participant
	 */
	public ScriptedParticipant always(String path, Reply reply) {
		this.defaults.put(path, reply);
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
		return this.calls.stream().filter((call) -> gid.equals(call.query().get("gid"))).toList();
	}

	/**
	 * The {@code path@op} of each call of one gid, in arrival order.
	 * @param gid the gid
	 * @return compact call descriptions such as {@code /TransOut@action}
	 */
	public List<String> trace(String gid) {
		return calls(gid).stream().map((call) -> call.path() + "@" + call.query().get("op")).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		Instant at = Instant.now();
		byte[] body = exchange.getRequestBody().readAllBytes();
		String path = exchange.getRequestURI().getPath();
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
		this.calls.add(new Call(exchange.getRequestMethod(), path, query(exchange.getRequestURI().getRawQuery()),
				headers, new String(body, StandardCharsets.UTF_8), at));
		Reply reply = next(path);
		if (!reply.delay().isZero()) {
			try {
				Thread.sleep(reply.delay().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		try {
			exchange.sendResponseHeaders(reply.status(), out.length);
			try (OutputStream stream = exchange.getResponseBody()) {
				stream.write(out);
			}
		}
		catch (IOException ex) {
			// the coordinator gave up waiting (request timeout): nothing to answer
		}
	}

	private Reply next(String path) {
		Deque<Reply> script = this.scripts.get(path);
		if (script != null) {
			synchronized (script) {
				Reply reply = script.poll();
				if (reply != null) {
					return reply;
				}
			}
		}
		return this.defaults.getOrDefault(path, Reply.success());
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq >= 0) ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
			String value = (eq >= 0) ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "";
			query.put(key, value);
		}
		return query;
	}

	/**
	 * One recorded call.
	 *
	 * @param method HTTP method
	 * @param path path
	 * @param query decoded query parameters
	 * @param headers headers, lower-case names
	 * @param body body text
	 * @param at arrival time
	 */
	public record Call(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
			Instant at) {

	}

	/**
	 * One scripted reply.
	 *
	 * @param status HTTP status
	 * @param body body
	 * @param delay how long to wait before answering
	 */
	public record Reply(int status, String body, Duration delay) {

		public static Reply success() {
			return new Reply(200, "{\"dtm_result\":\"SUCCESS\"}", Duration.ZERO);
		}

		public static Reply failure() {
			return new Reply(409, "{\"dtm_result\":\"FAILURE\"}", Duration.ZERO);
		}

		public static Reply ongoing() {
			return new Reply(425, "{\"dtm_result\":\"ONGOING\"}", Duration.ZERO);
		}

		public static Reply error() {
			return new Reply(500, "{\"message\":\"boom\"}", Duration.ZERO);
		}

		public static Reply slow(Duration delay) {
			return new Reply(200, "{\"dtm_result\":\"SUCCESS\"}", delay);
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
