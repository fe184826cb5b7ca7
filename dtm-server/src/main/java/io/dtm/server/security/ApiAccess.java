package io.dtm.server.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.config.DtmServerProperties.ApiAuthentication;
import io.dtm.server.config.DtmServerProperties.OperatorCalls;
import io.dtm.server.engine.BranchUrlGuard;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The API's access rules, in one place for HTTP and gRPC: which networks may call,
 * whether a token is needed, and which calls are the operator's.
 */
public final class ApiAccess {

	/** The HTTP paths of the operator calls (under {@code /api/dtmsvr}). */
	public static final List<String> OPERATOR_PATHS = List.of("/api/dtmsvr/forceStop", "/api/dtmsvr/resetNextCronTime",
			"/api/dtmsvr/resetCronTime", "/api/dtmsvr/topic/**", "/api/dtmsvr/scanKV", "/api/dtmsvr/queryKV");

	/** Why a presented bearer token is refused. */
	public static final String UNKNOWN_TOKEN = "the bearer token is not one of dtm.server.security.api.tokens";

	/** Why a call without a token is refused where one is needed. */
	public static final String TOKEN_NEEDED = "this call needs Authorization: Bearer <token> with a token of"
			+ " dtm.server.security.api.tokens";

	/** Why a token without the operator role is refused an operator call. */
	public static final String OPERATOR_NEEDED = "this call needs a token with the OPERATOR role";

	/** The gRPC methods of the operator calls. */
	public static final Set<String> OPERATOR_METHODS = Set.of("dtmgimp.Dtm/DeleteTopic");

	private final ApiTokens tokens;

	private final boolean tokenRequired;

	private final boolean operatorCallsRestricted;

	private final List<IpAddressMatcher> networks;

	private final List<String> networkTexts;

	/**
	 * The rules.
	 * @param properties {@code dtm.server.security.api}
	 * @param tokens the configured tokens
	 * @throws IllegalArgumentException when a network cannot be read, or tokens are
	 * required but none is configured
	 */
	public ApiAccess(DtmServerProperties.Api properties, ApiTokens tokens) {
		this.tokens = tokens;
		this.tokenRequired = properties.getAuthentication() == ApiAuthentication.TOKEN;
		this.operatorCallsRestricted = properties.getOperatorCalls() == OperatorCalls.OPERATOR;
		if ((this.tokenRequired || this.operatorCallsRestricted) && tokens.isEmpty()) {
			throw new IllegalArgumentException("dtm.server.security.api."
					+ (this.tokenRequired ? "authentication=token" : "operator-calls=operator")
					+ " needs at least one dtm.server.security.api.tokens entry");
		}
		this.networkTexts = List.copyOf(properties.getClientNetworks());
		this.networks = this.networkTexts.stream().map(ApiAccess::network).toList();
	}

	private static IpAddressMatcher network(String text) {
		String block = text.trim();
		String address = block.contains("/") ? block.substring(0, block.indexOf('/')) : block;
		if (!BranchUrlGuard.isIpLiteral(address)) {
			throw new IllegalArgumentException(
					"dtm.server.security.api.client-networks: '" + text + "' is not an address or CIDR block");
		}
		try {
			return new IpAddressMatcher(block);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"dtm.server.security.api.client-networks: '" + text + "' " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether any rule restricts the API.
	 * @return whether tokens, operator calls or networks are restricted
	 */
	public boolean restricts() {
		return this.tokenRequired || this.operatorCallsRestricted || !this.networks.isEmpty();
	}

	/**
	 * Whether any token is configured.
	 * @return whether one is
	 */
	public boolean hasTokens() {
		return !this.tokens.isEmpty();
	}

	/**
	 * Whether every call needs a token.
	 * @return whether it does
	 */
	public boolean tokenRequired() {
		return this.tokenRequired;
	}

	/**
	 * Whether the operator calls need an operator token.
	 * @return whether they do
	 */
	public boolean operatorCallsRestricted() {
		return this.operatorCallsRestricted;
	}

	/**
	 * Whether a client address may call the API.
	 * @param address the remote address, an IP literal
	 * @return whether it may
	 */
	public boolean networkAllowed(String address) {
		return this.networks.isEmpty()
				|| (address != null && this.networks.stream().anyMatch((network) -> network.matches(address)));
	}

	/**
	 * Why a client address is refused.
	 * @param address the remote address
	 * @return the message
	 */
	public String networkRefusal(String address) {
		return "the API does not accept calls from " + address + " (dtm.server.security.api.client-networks "
				+ this.networkTexts + ")";
	}

	/**
	 * The caller a bearer token names.
	 * @param token the token
	 * @return the caller, or empty
	 */
	public Optional<ApiCaller> caller(String token) {
		return this.tokens.find(token);
	}

	/**
	 * The token of an {@code Authorization} header value.
	 * @param authorization the header value, may be {@code null}
	 * @return the token, or empty when the value is not {@code Bearer <token>}
	 */
	public static Optional<String> bearer(String authorization) {
		if (authorization == null || authorization.length() < 8
				|| !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.empty();
		}
		String token = authorization.substring(7).trim();
		return token.isEmpty() ? Optional.empty() : Optional.of(token);
	}

}
