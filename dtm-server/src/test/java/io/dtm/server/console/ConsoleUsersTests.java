package io.dtm.server.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Console users from configuration.
 */
class ConsoleUsersTests {

	private static final String HASH = new BCryptPasswordEncoder(4).encode("s3cret");

	@Test
	void whenUsersHaveBcryptHashesShouldLoadThemWithTheirRoles() {
		UserDetails alice = ConsoleUsers
			.of(List.of(user("alice", HASH, ConsoleRole.OPERATOR), user("bob", "{bcrypt}" + HASH, ConsoleRole.VIEWER)))
			.loadUserByUsername("alice");

		assertThat(alice.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");
		assertThat(new BCryptPasswordEncoder().matches("s3cret", alice.getPassword())).isTrue();
	}

	@Test
	void whenAPasswordIsPlainTextShouldRefuseNamingTheUserButNotThePassword() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConsoleUsers.of(List.of(user("carol", "hunter2", ConsoleRole.VIEWER))))
			.withMessageContaining("dtm.server.console.users[0].password (user 'carol') is not a BCrypt hash")
			.withMessageNotContaining("hunter2");
	}

	@Test
	void whenANameIsConfiguredTwiceShouldRefuse() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConsoleUsers
				.of(List.of(user("dave", HASH, ConsoleRole.VIEWER), user("dave", HASH, ConsoleRole.OPERATOR))))
			.withMessageContaining("dtm.server.console.users[1].name 'dave' is configured twice");
	}

	static ConsoleProperties.User user(String name, String password, ConsoleRole role) {
		ConsoleProperties.User user = new ConsoleProperties.User();
		user.setName(name);
		user.setPassword(password);
		user.setRoles(List.of(role));
		return user;
	}

}
