package io.dtm.server.security;

import io.dtm.server.config.DtmServerProperties.ApiRole;

/**
 * Who called the API, as a configured token says.
 *
 * @param name the token's name
 * @param role its role
 */
public record ApiCaller(String name, ApiRole role) {

	/**
	 * Whether the caller may make the operator calls.
	 * @return whether its role is {@code OPERATOR}
	 */
	public boolean isOperator() {
		return this.role == ApiRole.OPERATOR;
	}

}
