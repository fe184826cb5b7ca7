package io.dtm.server.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console roles from an OpenID Connect claim.
 */
class ConsoleOidcRolesTests {

	@Test
	void whenThereIsNoMappingShouldGrantTheRolesTheClaimNames() {
		ConsoleOidcRoles roles = new ConsoleOidcRoles(new ConsoleProperties.Oidc());

		assertThat(authorities(roles, Map.of("roles", List.of("viewer", "staff")))).contains("ROLE_VIEWER")
			.doesNotContain("ROLE_OPERATOR");
		assertThat(authorities(roles, Map.of("roles", "staff,Operator"))).contains("ROLE_OPERATOR");
	}

	@Test
	void whenAMappingIsSetShouldGrantOnlyMappedValues() {
		ConsoleProperties.Oidc oidc = new ConsoleProperties.Oidc();
		oidc.setRoleMapping(Map.of("/dtm-ops", ConsoleRole.OPERATOR));
		ConsoleOidcRoles roles = new ConsoleOidcRoles(oidc);

		assertThat(authorities(roles, Map.of("roles", "staff /dtm-ops"))).contains("ROLE_OPERATOR");
		assertThat(authorities(roles, Map.of("roles", List.of("OPERATOR", "viewer"))))
			.as("a role's name grants nothing once a mapping is set")
			.noneMatch((authority) -> authority.startsWith("ROLE_"));
	}

	@Test
	void whenTheClaimIsMissingOrUnknownShouldGrantNoConsoleRole() {
		ConsoleProperties.Oidc oidc = new ConsoleProperties.Oidc();
		oidc.setRolesClaim("groups");

		assertThat(authorities(new ConsoleOidcRoles(oidc), Map.of("roles", List.of("OPERATOR"))))
			.noneMatch((authority) -> authority.startsWith("ROLE_"));
		assertThat(authorities(new ConsoleOidcRoles(oidc), Map.of("groups", List.of("admins"))))
			.noneMatch((authority) -> authority.startsWith("ROLE_"));
	}

	private static List<String> authorities(ConsoleOidcRoles roles, Map<String, Object> claims) {
		Map<String, Object> all = new java.util.HashMap<>(claims);
		all.put("sub", "someone");
		OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60), all);
		return roles.mapAuthorities(List.of(new OidcUserAuthority(token)))
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList();
	}

}
