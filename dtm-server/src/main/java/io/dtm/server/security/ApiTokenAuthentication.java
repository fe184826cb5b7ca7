package io.dtm.server.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API call's bearer token: unauthenticated as read from the request, authenticated
 * once a configured token matched, with the roles {@code API_CLIENT} and, for operator
 * tokens, {@code API_OPERATOR}.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	static final String CLIENT = "API_CLIENT";

	static final String OPERATOR = "API_OPERATOR";

	private final transient String token;

	private final ApiCaller caller;

	private ApiTokenAuthentication(String token, ApiCaller caller, List<GrantedAuthority> authorities) {
		super(authorities);
		this.token = token;
		this.caller = caller;
		setAuthenticated(caller != null);
	}

	static ApiTokenAuthentication unauthenticated(String token) {
		return new ApiTokenAuthentication(token, null, List.of());
	}

	static ApiTokenAuthentication of(ApiCaller caller) {
		List<GrantedAuthority> roles = caller.isOperator()
				? List.of(new SimpleGrantedAuthority("ROLE_" + CLIENT), new SimpleGrantedAuthority("ROLE_" + OPERATOR))
				: List.of(new SimpleGrantedAuthority("ROLE_" + CLIENT));
		return new ApiTokenAuthentication(null, caller, roles);
	}

	String token() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return (this.caller != null) ? this.caller.name() : "";
	}

}
