package io.dtm.server.console;

/**
 * Whether the console is served, and if not, why: it needs
 * {@code dtm.server.console.enabled} and at least one user.
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
		if (!properties.isEnabled()) {
			return new ConsoleAccess(false, "dtm.server.console.enabled is false");
		}
		if (properties.getUsers().isEmpty()) {
			return new ConsoleAccess(false, "no console user is configured (dtm.server.console.users): the console "
					+ "requires a login and has no default password");
		}
		return new ConsoleAccess(true, "");
	}

}
