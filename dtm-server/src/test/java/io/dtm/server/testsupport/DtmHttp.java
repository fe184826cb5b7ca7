package io.dtm.server.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Minimal HTTP client for driving a real coordinator in tests: raw JSON in, status and
 * parsed JSON out.
 */
public final class DtmHttp {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	public DtmHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * POST a JSON body.
	 * @param path path such as {@code /api/dtmsvr/submit}
	 * @param json the body
	 * @return the reply
	 */
	public Reply post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.timeout(Duration.ofSeconds(30))
			.build());
	}

	/**
	 * GET a path with its query.
	 * @param pathAndQuery the path and query
	 * @return the reply
	 */
	public Reply get(String pathAndQuery) {
		return send(HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.GET()
			.timeout(Duration.ofSeconds(30))
			.build());
	}

	/**
	 * DELETE a path.
	 * @param path the path
	 * @return the reply
	 */
	public Reply delete(String path) {
		return send(
				HttpRequest.newBuilder(URI.create(this.base + path)).DELETE().timeout(Duration.ofSeconds(30)).build());
	}

	/**
	 * The stored status of a transaction via {@code query}.
	 * @param gid the gid
	 * @return the status, or {@code null} when unknown
	 */
	public String status(String gid) {
		JsonNode transaction = get("/api/dtmsvr/query?gid=" + gid).json().path("transaction");
		return transaction.isObject() ? transaction.path("status").asText() : null;
	}

	private Reply send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A reply.
	 *
	 * @param status HTTP status
	 * @param body body text
	 */
	public record Reply(int status, String body) {

		public JsonNode json() {
			try {
				return MAPPER.readTree(this.body);
			}
			catch (IOException ex) {
				throw new IllegalStateException("not JSON: " + this.body, ex);
			}
		}

	}

}
