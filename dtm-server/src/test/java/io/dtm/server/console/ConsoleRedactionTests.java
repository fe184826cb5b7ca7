package io.dtm.server.console;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConsoleRedaction}: who sees a branch URL's credentials.
 */
class ConsoleRedactionTests {

	private static final String URL = "https://svc:pw@pay.example/TransOut?token=t0k";

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void whenSecretsAreHiddenShouldHideThemFromOperatorsToo() {
		logIn(ConsoleRole.OPERATOR);

		assertThat(new ConsoleRedaction(false, new ObjectMapper()).url(URL))
			.isEqualTo("https://svc:******@pay.example/TransOut?token=******");
	}

	@Test
	void whenSecretsAreShownToOperatorsViewersShouldStillNotSeeThem() {
		ConsoleRedaction redaction = new ConsoleRedaction(true, new ObjectMapper());

		logIn(ConsoleRole.OPERATOR);
		assertThat(redaction.url(URL)).isEqualTo(URL);
		logIn(ConsoleRole.VIEWER);
		assertThat(redaction.url(URL)).doesNotContain("pw").doesNotContain("t0k");
	}

	private static void logIn(ConsoleRole role) {
		SecurityContextHolder.getContext()
			.setAuthentication(
					new TestingAuthenticationToken("u", "", List.of(new SimpleGrantedAuthority(role.authority()))));
	}

}
