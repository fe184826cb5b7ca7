package io.dtm.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dtm.core.TransRequest;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The coordinator's HTTP API ({@code /api/dtmsvr}): where it is, and what an HTTP answer
 * means (200 success, 409 or {@code "dtm_result":"FAILURE"} a refusal, 425 ongoing, other
 * 4xx a bad request, anything else an error).
 */
final class HttpCoordinatorTransport implements CoordinatorTransport {

	static final String API_PATH = "/api/dtmsvr";

	static final ObjectMapper WIRE = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final RestClient rest;

	private final DtmConnectionDetails connection;

	private volatile String authorization;

	HttpCoordinatorTransport(RestClient rest, DtmConnectionDetails connection) {
		this.rest = rest;
		this.connection = connection;
	}

	/**
	 * The API URL the next call uses.
	 * @return the URL, ending in {@code /api/dtmsvr}
	 * @throws DtmCoordinatorUnavailableException if the coordinator cannot be located
	 */
	String apiUrl() {
		String url;
		try {
			url = this.connection.getServerUrl();
		}
		catch (RuntimeException ex) {
			throw new DtmCoordinatorUnavailableException("locate", null, null, String.valueOf(ex.getMessage()), ex);
		}
		if (url == null || url.isBlank()) {
			throw new DtmCoordinatorUnavailableException("locate", null, null, "no coordinator URL", null);
		}
		String trimmed = url.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed.endsWith(API_PATH) ? trimmed : trimmed + API_PATH;
	}

	@Override
	public CoordinatorReply newGid() {
		CoordinatorReply reply = exchange(HttpMethod.GET, apiUrl() + "/newGid", null);
		if (reply.kind() != CoordinatorReply.Kind.SUCCESS) {
			return reply;
		}
		String gid = null;
		try {
			JsonNode node = WIRE.readTree(reply.value()).path("gid");
			gid = node.isTextual() ? node.asText() : null;
		}
		catch (IOException | RuntimeException ex) {
			// not JSON: no gid
		}
		// without a gid the message carries the body, for the error the template reports
		return new CoordinatorReply(CoordinatorReply.Kind.SUCCESS, reply.target(), reply.status(), reply.httpStatus(),
				(gid != null) ? "" : abbreviate(reply.value()), gid, null);
	}

	@Override
	public CoordinatorReply send(String endpoint, TransRequest request) {
		return exchange(HttpMethod.POST, apiUrl() + "/" + endpoint, write(request));
	}

	@Override
	public CoordinatorReply registerBranch(BranchRegistration registration) {
		return exchange(HttpMethod.POST, apiUrl() + "/registerBranch", write(registration.httpBody()));
	}

	/**
	 * Call the coordinator and classify the answer.
	 * @param method the method
	 * @param url the URL
	 * @param json the body, {@code null} for none
	 * @return the reply; its value is the body
	 */
	/**
	 * The API token every call to the coordinator carries (and no branch call).
	 * @param token the token, {@code null} or blank for none
	 */
	void setApiToken(String token) {
		this.authorization = (token != null && !token.isBlank()) ? "Bearer " + token.strip() : null;
	}

	CoordinatorReply exchange(HttpMethod method, String url, String json) {
		int status;
		String body;
		try {
			RestClient.RequestBodySpec spec = this.rest.method(method).uri(URI.create(url));
			String auth = this.authorization;
			if (auth != null) {
				spec.header("Authorization", auth);
			}
			if (json != null) {
				spec.contentType(MediaType.APPLICATION_JSON).body(json);
			}
			String[] answer = spec
				.exchange((request, response) -> new String[] { String.valueOf(response.getStatusCode().value()),
						StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8) }, true);
			status = Integer.parseInt(answer[0]);
			body = answer[1];
		}
		catch (IllegalArgumentException ex) {
			return CoordinatorReply.notSent(url, "not a usable URL: " + ex.getMessage(), ex);
		}
		catch (RestClientException ex) {
			return CoordinatorReply.noAnswer(url, ex);
		}
		String words = "HTTP " + status;
		if (status == 409 || (status == 200 && isFailure(body))) {
			return CoordinatorReply.answer(CoordinatorReply.Kind.FAILURE, url, words, status, message(body), body);
		}
		if (status == 425) {
			return CoordinatorReply.answer(CoordinatorReply.Kind.ONGOING, url, words, status, message(body), body);
		}
		if (status >= 200 && status < 300) {
			return CoordinatorReply.success(url, words, status, body);
		}
		CoordinatorReply.Kind kind = (status >= 400 && status < 500) ? CoordinatorReply.Kind.BAD_REQUEST
				: CoordinatorReply.Kind.ERROR;
		return CoordinatorReply.answer(kind, url, words, status, message(body), body);
	}

	/**
	 * Whether a 200 answer still carries {@code "dtm_result":"FAILURE"} (dtm servers
	 * before v1.10 answered refusals that way).
	 */
	private static boolean isFailure(String body) {
		if (!body.contains("FAILURE")) {
			return false;
		}
		try {
			return "FAILURE".equals(WIRE.readTree(body).path("dtm_result").asText());
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static String message(String body) {
		try {
			JsonNode message = WIRE.readTree(body).path("message");
			if (message.isTextual()) {
				return message.asText();
			}
		}
		catch (IOException | RuntimeException ex) {
			// not JSON: use the text
		}
		return abbreviate(body);
	}

	static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "..." : body;
	}

	static String write(Object body) {
		try {
			return WIRE.writeValueAsString(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
