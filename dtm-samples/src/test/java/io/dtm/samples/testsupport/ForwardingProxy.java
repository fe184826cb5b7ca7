package io.dtm.samples.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP proxy on loopback in front of a sample's branch handlers: it records every
 * call (what a participant received), forwards it, and can instead run a trap on the
 * first call of a path, for example to kill the sample's process in the middle of a
 * workflow. A trapped call is answered 503 (its caller is gone by then).
 */
public final class ForwardingProxy implements AutoCloseable {

	private final HttpServer server;

	private final String target;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Runnable> traps = new ConcurrentHashMap<>();

	private ForwardingProxy(HttpServer server, String target) {
		this.server = server;
		this.target = target;
	}

	/**
	 * Start a proxy on a free loopback port.
	 * @param target where calls are forwarded, for example {@code http://127.0.0.1:8086}
	 * @return the running proxy
	 */
	public static ForwardingProxy start(String target) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			ForwardingProxy proxy = new ForwardingProxy(server, target);
			server.createContext("/", proxy::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The proxy's base URL.
	 * @return for example {@code http://127.0.0.1:40123}
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Run a trap instead of forwarding the next call of a path (once).
	 * @param path the path, for example {@code /api/TransIn}
	 * @param trap what to run
	 */
	public void trapNext(String path, Runnable trap) {
		this.traps.put(path, trap);
	}

	/**
	 * The calls received so far, trapped ones included.
	 * @return the calls in arrival order
	 */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			URI uri = exchange.getRequestURI();
			this.calls.add(new Call(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery()));
			Runnable trap = this.traps.remove(uri.getPath());
			if (trap != null) {
				trap.run();
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			HttpRequest.Builder forward = HttpRequest
				.newBuilder(URI.create(
						this.target + uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")))
				.timeout(Duration.ofSeconds(10))
				.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			if (contentType != null) {
				forward.header("Content-Type", contentType);
			}
			HttpResponse<byte[]> response;
			try {
				response = this.client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			response.headers()
				.firstValue("Content-Type")
				.ifPresent((type) -> exchange.getResponseHeaders().add("Content-Type", type));
			byte[] answer = response.body();
			exchange.sendResponseHeaders(response.statusCode(), (answer.length > 0) ? answer.length : -1);
			if (answer.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One call the proxy received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the raw query, may be {@code null}
	 */
	public record Call(String method, String path, String query) {

		/**
		 * A query parameter.
		 * @param name the name
		 * @return its value, {@code null} when absent
		 */
		public String param(String name) {
			if (this.query == null) {
				return null;
			}
			for (String pair : this.query.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0 && pair.substring(0, eq).equals(name)) {
					return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
				}
			}
			return null;
		}

	}

}
