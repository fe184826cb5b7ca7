package io.dtm.server.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.JsonRpcCodes;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.BranchUrlGuard;
import io.dtm.server.engine.CustomData;
import io.dtm.server.engine.GrpcTarget;
import io.dtm.server.engine.WorkflowData;
import io.dtm.server.engine.UrlResolver;

/**
 * Checks requests before anything is written. Every rejection is a
 * {@link DtmApiException.BadRequest} whose message names the field and the problem.
 */
public class RequestValidator {

	/** Column size of gid and branch_id. */
	static final int MAX_GID_LENGTH = 128;

	/** Column size of url, query_prepared, options, custom_data and rollback_reason. */
	static final int MAX_TEXT_LENGTH = 1024;

	private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "content-length", "connection", "expect",
			"upgrade", "transfer-encoding", "content-type");

	private final DtmServerProperties properties;

	private final UrlResolver urlResolver;

	private final ObjectMapper objectMapper;

	private final BranchUrlGuard guard;

	public RequestValidator(DtmServerProperties properties, UrlResolver urlResolver, ObjectMapper objectMapper) {
		this(properties, urlResolver, objectMapper, BranchUrlGuard.permissive());
	}

	/**
	 * The validator.
	 * @param properties the limits and strict rules
	 * @param urlResolver which service URL schemes can be resolved
	 * @param objectMapper reads custom data
	 * @param guard which branch URLs may be stored
	 */
	public RequestValidator(DtmServerProperties properties, UrlResolver urlResolver, ObjectMapper objectMapper,
			BranchUrlGuard guard) {
		this.properties = properties;
		this.urlResolver = urlResolver;
		this.objectMapper = objectMapper;
		this.guard = guard;
	}

	/**
	 * Validate a gid from a request body and return it as dtm uses it: CR, LF and
	 * {@code ;} are removed (dtm's rule) unless {@code dtm.server.strict.gid} refuses
	 * them, with whitespace and control characters.
	 * @param gid the gid
	 * @return the gid to use
	 */
	public String gid(String gid) {
		if (gid != null && this.properties.getStrict().isGid()) {
			for (int i = 0; i < gid.length(); i++) {
				char c = gid.charAt(i);
				if (Character.isISOControl(c) || c == ';' || Character.isWhitespace(c)) {
					throw bad("gid must not contain whitespace, control characters or ';' (dtm.server.strict.gid)");
				}
			}
		}
		String escaped = escape(gid);
		if (escaped == null || escaped.isEmpty()) {
			throw bad("gid is missing or empty");
		}
		if (escaped.length() > MAX_GID_LENGTH) {
			throw bad("gid is " + escaped.length() + " characters long; at most " + MAX_GID_LENGTH + " are allowed");
		}
		return escaped;
	}

	/**
	 * dtm's escaping of a gid from a request body: CR, LF and {@code ;} are removed.
	 * @param gid the gid, or {@code null}
	 * @return the escaped gid, or {@code null}
	 */
	static String escape(String gid) {
		if (gid == null || (gid.indexOf('\r') < 0 && gid.indexOf('\n') < 0 && gid.indexOf(';') < 0)) {
			return gid;
		}
		StringBuilder sb = new StringBuilder(gid.length());
		for (int i = 0; i < gid.length(); i++) {
			char c = gid.charAt(i);
			if (c != '\r' && c != '\n' && c != ';') {
				sb.append(c);
			}
		}
		return sb.toString();
	}

	/**
	 * Validate the mode of a request.
	 * @param request the request
	 * @return the mode
	 */
	public TransType transType(TransRequest request) {
		if (request.transType() == null || request.transType().isBlank()) {
			throw bad("trans_type is missing; expected one of saga, msg, tcc, xa");
		}
		TransType type;
		try {
			type = TransType.fromWireValue(request.transType());
		}
		catch (IllegalArgumentException ex) {
			throw bad("trans_type '" + request.transType() + "' is unknown; expected one of saga, msg, tcc, xa");
		}
		return type;
	}

	/**
	 * Validate everything that is stored with a new transaction.
	 * @param request the request
	 * @param type its mode
	 * @param prepare whether this is a prepare (msg then needs query_prepared when
	 * {@code dtm.server.strict.query-prepared} is on)
	 * @return the parsed custom data
	 */
	public CustomData newTransaction(TransRequest request, TransType type, boolean prepare) {
		gid(request.gid());
		String protocol = request.protocol();
		if (protocol != null && !protocol.isEmpty() && !"http".equals(protocol)
				&& !JsonRpcCodes.PROTOCOL.equals(protocol) && !GrpcTarget.PROTOCOL.equals(protocol)) {
			throw bad("protocol '" + protocol + "' is not supported; only http, json-rpc and grpc");
		}
		long maxTimeout = this.properties.getLimits().getMaxTimeout().toSeconds();
		seconds("timeout_to_fail", request.timeoutToFail(), maxTimeout);
		seconds("request_timeout", request.requestTimeout(),
				this.properties.getLimits().getMaxRequestTimeout().toSeconds());
		seconds("retry_interval", request.retryInterval(), maxTimeout);
		nonNegative("retry_limit", request.retryLimit());
		headers(request.branchHeaders());
		length("custom_data", request.customData());
		optionsLength(request);
		length("rollback_reason", request.rollbackReason());
		CustomData custom;
		try {
			custom = CustomData.parse(this.objectMapper, request.customData());
		}
		catch (IllegalArgumentException ex) {
			throw bad(ex.getMessage());
		}
		seconds("custom_data.delay", custom.delaySeconds(), maxTimeout);
		if (type == TransType.WORKFLOW) {
			try {
				WorkflowData.parse(this.objectMapper, request.customData());
			}
			catch (IllegalArgumentException ex) {
				throw bad(ex.getMessage());
			}
		}
		if (type == TransType.SAGA || type == TransType.MSG) {
			steps(request, type);
			if (type == TransType.SAGA && custom.concurrent()) {
				try {
					custom.validateOrders(request.steps().size());
				}
				catch (IllegalArgumentException ex) {
					throw bad(ex.getMessage());
				}
			}
		}
		else if (request.steps() != null && !request.steps().isEmpty()) {
			throw bad("steps are not allowed for trans_type '" + type + "'; register branches instead");
		}
		if (type == TransType.MSG && prepare && this.properties.getStrict().isQueryPrepared()) {
			url("query_prepared", request.queryPrepared(), false, protocol);
		}
		else if (request.queryPrepared() != null && !request.queryPrepared().isEmpty()) {
			url("query_prepared", request.queryPrepared(), true, protocol);
		}
		return custom;
	}

	private void steps(TransRequest request, TransType type) {
		// no steps is fine, as in dtm: it succeeds at once (a msg submit
		// after its prepare uses the stored branches)
		List<Map<String, String>> steps = (request.steps() != null) ? request.steps() : List.of();
		if (steps.size() > this.properties.getLimits().getMaxSteps()) {
			throw bad(steps.size() + " steps exceed the limit of " + this.properties.getLimits().getMaxSteps());
		}
		List<String> payloads = request.payloads();
		if (payloads != null && !payloads.isEmpty() && payloads.size() != steps.size()) {
			throw bad(
					"steps has " + steps.size() + " entries but payloads has " + payloads.size() + "; they must match");
		}
		List<byte[]> binPayloads = request.binPayloads();
		boolean binary = binPayloads != null && !binPayloads.isEmpty();
		if (binary && binPayloads.size() != steps.size()) {
			throw bad("steps has " + steps.size() + " entries but BinPayloads has " + binPayloads.size()
					+ "; they must match");
		}
		for (int i = 0; i < steps.size(); i++) {
			Map<String, String> step = steps.get(i);
			if (step == null || !step.containsKey("action")) {
				throw bad("steps[" + i + "] has no 'action'");
			}
			String action = step.get("action");
			if (type == TransType.MSG && action != null && action.startsWith(TopicService.TOPIC_SCHEME)) {
				String topic = action.substring(TopicService.TOPIC_SCHEME.length());
				if (topic.isEmpty() || topic.length() > MAX_GID_LENGTH) {
					throw bad("steps[" + i + "].action names an empty or over-long topic");
				}
			}
			else {
				url("steps[" + i + "].action", action, true, request.protocol());
			}
			if (type == TransType.SAGA) {
				if (!step.containsKey("compensate")) {
					throw bad("steps[" + i + "] has no 'compensate'");
				}
				url("steps[" + i + "].compensate", step.get("compensate"), true, request.protocol());
			}
			if (binary) {
				byte[] bytes = binPayloads.get(i);
				payloadSize("BinPayloads[" + i + "]", (bytes != null) ? bytes.length : 0);
			}
			else {
				String payload = (payloads != null && !payloads.isEmpty()) ? payloads.get(i) : step.get("data");
				payload("payload of step " + i, payload);
			}
		}
	}

	/**
	 * Validate the branch URL of an {@code http} transaction.
	 * @param field field name for the message
	 * @param url the URL
	 * @param emptyAllowed whether an empty URL (immediate success) is allowed
	 */
	public void url(String field, String url, boolean emptyAllowed) {
		url(field, url, emptyAllowed, "http");
	}

	/**
	 * Validate a branch URL as the transaction's protocol will call it: a URL that goes
	 * over gRPC ({@link GrpcTarget#isGrpc}) must be
	 * {@code host:port/package.Service/Method} or a service URL whose scheme a resolver
	 * supports; any other must be an absolute HTTP URL or a supported service URL.
	 * @param field field name for the message
	 * @param url the URL
	 * @param emptyAllowed whether an empty URL (immediate success) is allowed
	 * @param protocol the transaction's protocol ({@code http} when empty or
	 * {@code null})
	 */
	public void url(String field, String url, boolean emptyAllowed, String protocol) {
		if (url == null || url.isEmpty()) {
			if (emptyAllowed) {
				return;
			}
			throw bad(field + " is missing");
		}
		length(field, url);
		if (GrpcTarget.isGrpc(url, protocol)) {
			grpcUrl(field, url);
			guard(field, url, protocol);
			return;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw bad(field + " '" + url + "' is not a valid URL: " + ex.getReason());
		}
		if (!uri.isAbsolute() || !this.urlResolver.supports(uri)) {
			throw bad(field + " '" + url + "' is not a supported absolute URL (expected http://host/path or"
					+ " https://host/path; nacos://service/path and lb://service/path need service discovery)");
		}
		guard(field, url, protocol);
	}

	private void guard(String field, String url, String protocol) {
		this.guard.refusal(url, protocol).ifPresent((why) -> {
			throw bad(field + " '" + url + "' is refused: " + why);
		});
	}

	private void grpcUrl(String field, String url) {
		GrpcTarget target;
		try {
			target = GrpcTarget.parse(url);
		}
		catch (IllegalArgumentException ex) {
			throw bad(field + ": " + ex.getMessage());
		}
		if (target.isService() && !this.urlResolver.supports(target.serviceUrl())) {
			throw bad(field + " '" + url + "' names a service, but no resolver supports the scheme '"
					+ target.serviceUrl().getScheme() + "' (nacos:// and lb:// need service discovery)");
		}
	}

	private void headers(Map<String, String> headers) {
		if (headers == null) {
			return;
		}
		for (Map.Entry<String, String> header : headers.entrySet()) {
			String name = header.getKey();
			if (name == null || name.isEmpty() || !name.chars().allMatch(RequestValidator::isTokenChar)) {
				throw bad("branch_headers has an invalid header name '" + name + "'");
			}
			if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				throw bad("branch_headers must not set '" + name + "'");
			}
			String value = header.getValue();
			if (value == null || value.chars().anyMatch((c) -> c == '\r' || c == '\n')) {
				throw bad("branch_headers['" + name + "'] has an invalid value");
			}
		}
	}

	private static boolean isTokenChar(int c) {
		return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
	}

	private void optionsLength(TransRequest request) {
		try {
			int size = this.objectMapper.writeValueAsString(request.options()).length();
			if (size > MAX_TEXT_LENGTH) {
				throw bad("options (wait_result, timeouts, branch_headers…) take " + size
						+ " characters as JSON; at most " + MAX_TEXT_LENGTH + " are stored");
			}
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw bad("options cannot be serialised: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Validate a rollback reason given by a client.
	 * @param reason the reason, or {@code null}
	 */
	public void rollbackReason(String reason) {
		length("rollback_reason", reason);
	}

	/**
	 * Validate a branch payload against {@code dtm.server.limits.max-payload-bytes}.
	 * @param field field name for the message
	 * @param payload the payload, or {@code null}
	 */
	public void payload(String field, String payload) {
		int max = this.properties.getLimits().getMaxPayloadBytes();
		// a UTF-8 character takes at most 4 bytes: shorter payloads need no encoding
		if (payload == null || payload.length() <= max / 4) {
			return;
		}
		payloadSize(field, payload.getBytes(StandardCharsets.UTF_8).length);
	}

	/**
	 * Validate a branch payload's size against
	 * {@code dtm.server.limits.max-payload-bytes}.
	 * @param field field name for the message
	 * @param bytes the payload's size in bytes
	 */
	public void payloadSize(String field, int bytes) {
		int max = this.properties.getLimits().getMaxPayloadBytes();
		if (bytes > max) {
			throw bad(field + " takes " + bytes + " bytes; at most " + max
					+ " are allowed (dtm.server.limits.max-payload-bytes)");
		}
	}

	/**
	 * Validate a timeout in seconds against {@code dtm.server.limits.max-timeout}.
	 * @param field field name for the message
	 * @param seconds the value
	 */
	public void timeout(String field, long seconds) {
		seconds(field, seconds, this.properties.getLimits().getMaxTimeout().toSeconds());
	}

	/**
	 * Validate a point in time given as epoch milliseconds (a query filter).
	 * @param field field name for the message
	 * @param epochMillis the value, or {@code null}
	 * @return the time in the system zone, or {@code null}
	 */
	public static java.time.LocalDateTime epochMillis(String field, Long epochMillis) {
		if (epochMillis == null) {
			return null;
		}
		// year 0 to year 9999: what every store's datetime column holds
		if (epochMillis < -62_167_219_200_000L || epochMillis > 253_402_300_799_999L) {
			throw bad(field + " " + epochMillis + " is not a time in milliseconds since 1970 between year 0 and 9999");
		}
		return java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis),
				java.time.ZoneId.systemDefault());
	}

	/**
	 * Validate a number of seconds from a request.
	 * @param field field name for the message
	 * @param value the value
	 * @param max the largest accepted value
	 */
	public static void seconds(String field, long value, long max) {
		nonNegative(field, value);
		if (value > max) {
			throw bad(field + " is " + value + " seconds; at most " + max + " are allowed (dtm.server.limits)");
		}
	}

	private static void nonNegative(String field, long value) {
		if (value < 0) {
			throw bad(field + " must not be negative (got " + value + ")");
		}
	}

	private static void length(String field, String value) {
		if (value != null && value.length() > MAX_TEXT_LENGTH) {
			throw bad(
					field + " is " + value.length() + " characters long; at most " + MAX_TEXT_LENGTH + " are allowed");
		}
	}

	static DtmApiException.BadRequest bad(String message) {
		return new DtmApiException.BadRequest(message);
	}

}
