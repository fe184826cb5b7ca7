package io.dtm.server.engine;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dtm.core.BranchOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of one branch call, a short code and a description for logs and rollback
 * reasons.
 *
 * @param outcome the classified outcome
 * @param detail HTTP status and body excerpt, or the transport error
 * @param code what answered, in short: the HTTP status ({@code 500}), the gRPC status
 * name ({@code UNAVAILABLE}), the JSON-RPC error code of an HTTP 200 answer
 * ({@code -32901}), or, without an answer, one of the reasons below ({@link #TIMEOUT},
 * {@code connection refused}, {@code unknown host}…); empty when the call was not made
 * (an empty URL)
 */
public record BranchCallResult(BranchOutcome outcome, String detail, String code) {

	/** Code of a call that got no answer in time. */
	public static final String TIMEOUT = "timeout";

	/** Code of a call whose service URL could not be resolved. */
	public static final String UNRESOLVED_URL = "unresolved url";

	/**
	 * Code of a call that could not be expressed (a bad URL, a payload JSON-RPC cannot
	 * carry).
	 */
	public static final String INVALID_REQUEST = "invalid request";

	/**
	 * Code of a call not made because the branch URL guard refuses its address
	 * ({@code dtm.server.security.branch-urls}).
	 */
	public static final String URL_DENIED = "url denied";

	/** Code of a call cut short because the coordinator is stopping. */
	public static final String INTERRUPTED = "interrupted";

	private static final Logger logger = LoggerFactory.getLogger(BranchCallResult.class);

	/** The longest plain-text answer kept in a detail. */
	static final int TEXT_LIMIT = 120;

	/** The longest value of a kept JSON field. */
	static final int FIELD_LIMIT = 100;

	private static final List<String> KEPT_FIELDS = List.of("dtm_result", "message", "error");

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * A result without a code.
	 * @param outcome the classified outcome
	 * @param detail the description
	 */
	public BranchCallResult(BranchOutcome outcome, String detail) {
		this(outcome, detail, "");
	}

	/**
	 * The result of a call with a code; {@code null} becomes empty.
	 * @param outcome the classified outcome
	 * @param detail the description
	 * @param code the code
	 */
	public BranchCallResult {
		code = (code != null) ? code : "";
	}

	static BranchCallResult success() {
		return new BranchCallResult(BranchOutcome.SUCCESS, "", "");
	}

	static BranchCallResult error(String code, String detail) {
		return new BranchCallResult(BranchOutcome.ERROR, detail, code);
	}

	/**
	 * A call that got no usable answer: logged with the call, retried later.
	 * @param request the call
	 * @param code the short reason
	 * @param detail why
	 * @return the error result
	 */
	static BranchCallResult retried(BranchRequest request, String code, String detail) {
		logger.warn("branch call failed, will be retried: gid={} branch_id={} op={} url={}: {}", request.gid(),
				request.branchId(), request.op(), Redaction.url(request.url()), detail);
		return error(code, detail);
	}

	/**
	 * What of a participant's answer goes into a detail, and so into logs, call records,
	 * {@code rollback_reason} and the API's answers. Only what dtm reads is kept, so a
	 * branch URL pointed at some other service does not read that service's answer back:
	 * from a JSON object its {@code dtm_result}, {@code message} and {@code error} (each
	 * at most {@value #FIELD_LIMIT} characters; a JSON-RPC error object keeps its code
	 * and message); from other text its first line, printable characters only, at most
	 * {@value #TEXT_LIMIT} characters; from a JSON object without those fields only its
	 * size.
	 * @param text the answer, may be {@code null}
	 * @return the excerpt, cut ones marked with {@code ...}
	 */
	static String excerpt(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String answer = text.strip();
		if (answer.startsWith("{")) {
			try {
				JsonNode node = JSON.readTree(answer);
				if (node != null && node.isObject()) {
					return kept((ObjectNode) node, answer.length());
				}
			}
			catch (JsonProcessingException ex) {
				// not JSON after all: read as text
			}
		}
		return cut(firstLine(answer), TEXT_LIMIT);
	}

	private static String kept(ObjectNode answer, int length) {
		ObjectNode kept = JSON.createObjectNode();
		for (String field : KEPT_FIELDS) {
			JsonNode value = answer.get(field);
			if (value == null) {
				continue;
			}
			if (value.isValueNode()) {
				kept.put(field, cut(firstLine(value.asText()), FIELD_LIMIT));
			}
			else if (value.isObject()) {
				ObjectNode error = kept.putObject(field);
				if (value.path("code").isNumber()) {
					error.put("code", value.path("code").asLong());
				}
				if (value.path("message").isValueNode()) {
					error.put("message", cut(firstLine(value.path("message").asText()), FIELD_LIMIT));
				}
			}
		}
		return kept.isEmpty() ? "(" + length + " characters of JSON without dtm_result or message)" : kept.toString();
	}

	private static String firstLine(String text) {
		StringBuilder line = new StringBuilder(Math.min(text.length(), TEXT_LIMIT + 1));
		for (int i = 0; i < text.length() && line.length() <= TEXT_LIMIT; i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\r') {
				break;
			}
			if (!Character.isISOControl(c)) {
				line.append(c);
			}
		}
		return line.toString();
	}

	private static String cut(String text, int limit) {
		return (text.length() <= limit) ? text : text.substring(0, limit) + "...";
	}

}
