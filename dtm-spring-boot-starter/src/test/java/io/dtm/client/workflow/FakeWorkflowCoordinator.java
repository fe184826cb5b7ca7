package io.dtm.client.workflow;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A coordinator and a participant on one JDK HTTP server on 127.0.0.1: records every
 * request, answers {@code prepareWorkflow} with a scripted reply and other paths with a
 * scripted status and body (200 {@code {"dtm_result":"SUCCESS"}} when not scripted).
 */
final class FakeWorkflowCoordinator implements AutoCloseable {

	static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private volatile String prepareReply = "{\"transaction\":{\"status\":\"prepared\"},\"progresses\":[]}";

	FakeWorkflowCoordinator() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	String apiUrl() {
		return baseUrl() + "/api/dtmsvr";
	}

	void replyToPrepare(String json) {
		this.prepareReply = json;
	}

	void answer(String path, int status, String body) {
		this.answers.put(path, new Answer(status, body));
	}

	List<Request> requests() {
		return this.requests;
	}

	List<Request> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	List<JsonNode> bodies(String path) {
		return requests(path).stream().map(Request::json).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		String path = exchange.getRequestURI().getPath();
		this.requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
				new String(body, StandardCharsets.UTF_8)));
		Answer answer = path.endsWith("/prepareWorkflow") ? new Answer(200, this.prepareReply)
				: this.answers.getOrDefault(path, new Answer(200, "{\"dtm_result\":\"SUCCESS\"}"));
		byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(answer.status(), reply.length);
		exchange.getResponseBody().write(reply);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Answer(int status, String body) {

	}

	record Request(String method, String path, String query, String body) {

		JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
