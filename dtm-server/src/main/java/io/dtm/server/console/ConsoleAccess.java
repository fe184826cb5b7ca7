package io.dtm.server.console;

/**
 * Whether the console is served, and if not, why: it needs
 * {@code dtm.server.console.enabled} and at least one configured user or an OpenID
 * Connect login.
 *
 * @param enabled whether the console is served
 * @param reason why it is not, empty when it is
 */
public record ConsoleAccess(boolean enabled, String reason) {

	/**
	 * Decide from the configuration.
	 * @param properties the console settings
	 * @return the decision
	 */
	public static ConsoleAccess of(ConsoleProperties properties) {
		return of(properties, false);
	}

	/**
	 * Decide from the configuration.
	 * @param properties the console settings
	 * @param oidc whether an OpenID Connect login is configured
	 * @return the decision
	 */
	public static ConsoleAccess of(ConsoleProperties properties, boolean oidc) {
		if (!properties.isEnabled()) {
			return new ConsoleAccess(false, "dtm.server.console.enabled is false");
		}
		if (properties.getUsers().isEmpty() && !oidc) {
			return new ConsoleAccess(false, "no console user is configured (dtm.server.console.users) and no "
					+ "OpenID Connect login (spring.security.oauth2.client.registration): the console requires a "
					+ "login and has no default password");
		}
		return new ConsoleAccess(true, "");
	}

}
