package io.dtm.server.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Redaction}.
 */
class RedactionTests {

	@Test
	void whenAUrlCarriesAUserInfoPasswordShouldHideIt() {
		assertThat(Redaction.url("https://svc:p4ss@pay.example:8443/TransOut?x=1"))
			.isEqualTo("https://svc:******@pay.example:8443/TransOut?x=1");
		assertThat(Redaction.url("http://t0ken@pay.example/TransOut")).as("a user info alone is a token, often")
			.isEqualTo("http://******@pay.example/TransOut");
	}

	@Test
	void whenAQueryParameterIsNamedLikeACredentialShouldHideItsValueOnly() {
		assertThat(Redaction.url("http://h/a?access_token=abc&order=7&X-Api-Key=k1&sig=zz#frag"))
			.isEqualTo("http://h/a?access_token=******&order=7&X-Api-Key=******&sig=******#frag");
		assertThat(Redaction.url("http://h/a?gid=g1&branch_id=01")).isEqualTo("http://h/a?gid=g1&branch_id=01");
	}

	@Test
	void whenTheUrlIsAGrpcTargetOrEmptyShouldLeaveIt() {
		assertThat(Redaction.url("127.0.0.1:50051/busi.Busi/TransOut")).isEqualTo("127.0.0.1:50051/busi.Busi/TransOut");
		assertThat(Redaction.url("")).isEmpty();
		assertThat(Redaction.url(null)).isNull();
	}

	@Test
	void whenBranchHeadersAreShownShouldKeepTheirNamesOnly() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer eyJhbGciOi");
		headers.put("X-Tenant", "t1");

		assertThat(Redaction.headers(headers)).containsExactly(Map.entry("Authorization", Redaction.MASK),
				Map.entry("X-Tenant", Redaction.MASK));
	}

}
