package io.dtm.server.console;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * The operator console under {@code dtm.server.console}. The console needs a login: it is
 * served only when it is enabled and at least one user is configured; otherwise {@code /}
 * answers a page saying how to enable it.
 */
@Validated
@ConfigurationProperties("dtm.server.console")
public class ConsoleProperties {

	/**
	 * Whether the console is served at all (it also needs users).
	 */
	private boolean enabled = true;

	/**
	 * Who may log in. Passwords are BCrypt hashes ($2a$/$2b$/$2y$..., optionally prefixed
	 * {bcrypt}); a plain-text password refuses to start.
	 */
	@Valid
	private List<User> users = new ArrayList<>();

	/**
	 * How long a logged-in session lasts without a request.
	 */
	@DurationUnit(ChronoUnit.MINUTES)
	@DurationMin(minutes = 1)
	private Duration sessionTimeout = Duration.ofMinutes(30);

	/**
	 * How often the transaction list refreshes itself; 0 switches auto-refresh off.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration refreshInterval = Duration.ofSeconds(10);

	/**
	 * Transactions per page of the list.
	 */
	@Min(1)
	@Max(500)
	private int pageSize = 50;

	/**
	 * Whether operators see branch header values and the credentials in branch URLs
	 * (user-info passwords, token-like query parameters) on a transaction's page. Hidden
	 * by default; viewers never see them.
	 */
	private boolean showBranchSecrets;

	/**
	 * Login through an OpenID Connect provider (a Spring Boot OAuth2 client
	 * registration).
	 */
	@Valid
	private final Oidc oidc = new Oidc();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<User> getUsers() {
		return this.users;
	}

	public void setUsers(List<User> users) {
		this.users = users;
	}

	public Duration getSessionTimeout() {
		return this.sessionTimeout;
	}

	public void setSessionTimeout(Duration sessionTimeout) {
		this.sessionTimeout = sessionTimeout;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public int getPageSize() {
		return this.pageSize;
	}

	public void setPageSize(int pageSize) {
		this.pageSize = pageSize;
	}

	public boolean isShowBranchSecrets() {
		return this.showBranchSecrets;
	}

	public void setShowBranchSecrets(boolean showBranchSecrets) {
		this.showBranchSecrets = showBranchSecrets;
	}

	public Oidc getOidc() {
		return this.oidc;
	}

	/**
	 * OpenID Connect login: the provider is any {@code spring.security.oauth2.client}
	 * registration; these keys say how its users get console roles.
	 */
	public static class Oidc {

		/**
		 * The ID token (or user info) claim holding the user's roles or groups: a list or
		 * a space- or comma-separated string.
		 */
		@NotBlank
		private String rolesClaim = "roles";

		/**
		 * Claim values that grant a console role, e.g.
		 * {@code "[/dtm-operators]": OPERATOR} (brackets keep characters such as '/' in
		 * the key). When set, only these values grant roles; when empty, a value named
		 * like a role (VIEWER, OPERATOR, any case) grants it. A user with no console role
		 * is refused (403).
		 */
		private Map<String, ConsoleRole> roleMapping = new LinkedHashMap<>();

		public String getRolesClaim() {
			return this.rolesClaim;
		}

		public void setRolesClaim(String rolesClaim) {
			this.rolesClaim = rolesClaim;
		}

		public Map<String, ConsoleRole> getRoleMapping() {
			return this.roleMapping;
		}

		public void setRoleMapping(Map<String, ConsoleRole> roleMapping) {
			this.roleMapping = roleMapping;
		}

	}

	/**
	 * One console user.
	 */
	public static class User {

		/**
		 * The login name.
		 */
		@NotBlank
		private String name;

		/**
		 * The BCrypt hash of the password.
		 */
		@NotBlank
		private String password;

		/**
		 * The user's roles: VIEWER, OPERATOR (an operator is also a viewer).
		 */
		@NotEmpty
		private List<ConsoleRole> roles = new ArrayList<>(List.of(ConsoleRole.VIEWER));

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public List<ConsoleRole> getRoles() {
			return this.roles;
		}

		public void setRoles(List<ConsoleRole> roles) {
			this.roles = roles;
		}

	}

}
