package io.dtm.server.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/**
 * Console roles of a user who logged in through OpenID Connect, read from one claim of
 * the ID token or user info ({@code dtm.server.console.oidc.roles-claim}): with
 * {@code dtm.server.console.oidc.role-mapping} only the mapped values grant roles;
 * without one, a value named like a role grants it. The provider's own authorities are
 * kept; without a console role the user is refused every page.
 */
final class ConsoleOidcRoles implements GrantedAuthoritiesMapper {

	private final String claim;

	private final Map<String, ConsoleRole> mapping;

	ConsoleOidcRoles(ConsoleProperties.Oidc oidc) {
		this.claim = oidc.getRolesClaim();
		this.mapping = Map.copyOf(oidc.getRoleMapping());
	}

	@Override
	public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
		Set<GrantedAuthority> mapped = new HashSet<>(authorities);
		for (GrantedAuthority authority : authorities) {
			Map<String, Object> attributes = null;
			if (authority instanceof OidcUserAuthority oidc) {
				attributes = (oidc.getUserInfo() != null && oidc.getUserInfo().getClaims().containsKey(this.claim))
						? oidc.getUserInfo().getClaims() : oidc.getIdToken().getClaims();
			}
			else if (authority instanceof OAuth2UserAuthority oauth2) {
				attributes = oauth2.getAttributes();
			}
			if (attributes != null) {
				for (String value : values(attributes.get(this.claim))) {
					ConsoleRole role = role(value);
					if (role != null) {
						mapped.add(new SimpleGrantedAuthority(role.authority()));
					}
				}
			}
		}
		return mapped;
	}

	private ConsoleRole role(String value) {
		if (!this.mapping.isEmpty()) {
			// with a mapping only the mapped values grant roles: a claim the user can
			// edit
			// must not grant OPERATOR by its name alone
			return this.mapping.get(value);
		}
		for (ConsoleRole role : ConsoleRole.values()) {
			if (role.name().equals(value.toUpperCase(Locale.ROOT))) {
				return role;
			}
		}
		return null;
	}

	private static List<String> values(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof Collection<?> collection) {
			collection.forEach((value) -> values.add(String.valueOf(value)));
		}
		else if (claim instanceof String text) {
			for (String value : text.split("[\\s,]+")) {
				if (!value.isEmpty()) {
					values.add(value);
				}
			}
		}
		return values;
	}

}
