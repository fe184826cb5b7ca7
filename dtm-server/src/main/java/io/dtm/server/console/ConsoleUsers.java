package io.dtm.server.console;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The console's users from {@code dtm.server.console.users}, checked at start-up: every
 * password must be a BCrypt hash (plain text refuses to start, naming the user), and
 * names must be unique.
 */
final class ConsoleUsers {

	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

	private static final String BCRYPT_PREFIX = "{bcrypt}";

	private ConsoleUsers() {
	}

	/**
	 * Build the user store.
	 * @param users the configured users
	 * @return the store
	 * @throws IllegalStateException when a user is misconfigured
	 */
	static InMemoryUserDetailsManager of(List<ConsoleProperties.User> users) {
		List<UserDetails> details = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < users.size(); i++) {
			ConsoleProperties.User user = users.get(i);
			String key = "dtm.server.console.users[" + i + "]";
			if (!names.add(user.getName())) {
				throw new IllegalStateException(key + ".name '" + user.getName() + "' is configured twice");
			}
			String hash = user.getPassword().startsWith(BCRYPT_PREFIX)
					? user.getPassword().substring(BCRYPT_PREFIX.length()) : user.getPassword();
			if (!BCRYPT.matcher(hash).matches()) {
				throw new IllegalStateException(key + ".password (user '" + user.getName()
						+ "') is not a BCrypt hash; store the hash, never the password itself, e.g. from "
						+ "`htpasswd -nbBC 12 '' 'the-password' | cut -c2-` (docs/console.md)");
			}
			details.add(User.withUsername(user.getName())
				.password(hash)
				.authorities(user.getRoles().stream().map(ConsoleRole::authority).toArray(String[]::new))
				.build());
		}
		return new InMemoryUserDetailsManager(details);
	}

}
