package io.dtm.server.security;

import java.util.List;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.config.DtmServerProperties.ApiRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ApiTokens} and the token rules of {@link ApiAccess}.
 */
class ApiTokensTests {

	@Test
	void whenATokenIsPresentedShouldFindItsCallerByTheHashOnly() {
		ApiTokens tokens = new ApiTokens(List.of(token("orders", ApiTokens.hash("s3cret-orders"), ApiRole.CLIENT),
				token("ops", ApiTokens.hash("s3cret-ops").toUpperCase(), ApiRole.OPERATOR)));

		assertThat(tokens.find("s3cret-orders")).contains(new ApiCaller("orders", ApiRole.CLIENT));
		assertThat(tokens.find("s3cret-ops")).hasValueSatisfying((caller) -> assertThat(caller.isOperator()).isTrue());
		assertThat(tokens.find("s3cret-order")).isEmpty();
		assertThat(tokens.find(ApiTokens.hash("s3cret-orders"))).as("the hash is not the token").isEmpty();
		assertThat(tokens.find("")).isEmpty();
	}

	@Test
	void whenTheConfigurationHoldsTheTokenInsteadOfItsHashShouldRefuseToStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiTokens(List.of(token("orders", "s3cret-orders", ApiRole.CLIENT))))
			.withMessageContaining("dtm.server.security.api.tokens[0].sha256")
			.withMessageContaining("not the token itself")
			.withMessageNotContaining("s3cret-orders");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiTokens(List.of(token(" ", ApiTokens.hash("x"), ApiRole.CLIENT))))
			.withMessageContaining("tokens[0].name is missing");
	}

	@Test
	void whenTokensAreRequiredButNoneIsConfiguredShouldRefuseToStart() {
		DtmServerProperties.Api api = new DtmServerProperties.Api();
		api.setAuthentication(DtmServerProperties.ApiAuthentication.TOKEN);

		assertThatIllegalArgumentException().isThrownBy(() -> new ApiAccess(api, new ApiTokens(List.of())))
			.withMessageContaining("authentication=token needs at least one");
	}

	@Test
	void whenAClientNetworkIsSetShouldAcceptOnlyAddressesInside() {
		DtmServerProperties.Api api = new DtmServerProperties.Api();
		api.setClientNetworks(List.of("10.0.0.0/8", "::1"));
		ApiAccess access = new ApiAccess(api, new ApiTokens(List.of()));

		assertThat(access.networkAllowed("10.2.3.4")).isTrue();
		assertThat(access.networkAllowed("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(access.networkAllowed("127.0.0.1")).isFalse();
		assertThat(access.networkRefusal("127.0.0.1")).contains("127.0.0.1").contains("[10.0.0.0/8, ::1]");
		api.setClientNetworks(List.of("intranet.example"));
		assertThatIllegalArgumentException().isThrownBy(() -> new ApiAccess(api, new ApiTokens(List.of())))
			.withMessageContaining("'intranet.example' is not an address or CIDR block");
	}

	@Test
	void whenAnAuthorizationHeaderIsReadShouldTakeOnlyABearerToken() {
		assertThat(ApiAccess.bearer("Bearer abc")).contains("abc");
		assertThat(ApiAccess.bearer("bearer  abc ")).contains("abc");
		assertThat(ApiAccess.bearer("Basic YWJj")).isEmpty();
		assertThat(ApiAccess.bearer("Bearer ")).isEmpty();
		assertThat(ApiAccess.bearer(null)).isEmpty();
	}

	private static DtmServerProperties.ApiToken token(String name, String sha256, ApiRole role) {
		DtmServerProperties.ApiToken token = new DtmServerProperties.ApiToken();
		token.setName(name);
		token.setSha256(sha256);
		token.setRole(role);
		return token;
	}

}
