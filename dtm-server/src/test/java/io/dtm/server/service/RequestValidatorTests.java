package io.dtm.server.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.UrlResolver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the rules of {@link RequestValidator} that follow dtm by default and the
 * stricter {@code dtm.server.strict} opt-ins.
 */
class RequestValidatorTests {

	private final DtmServerProperties properties = new DtmServerProperties();

	private final RequestValidator validator = new RequestValidator(this.properties, UrlResolver.http(),
			new ObjectMapper());

	@Test
	void whenGidHoldsCrLfOrSemicolonTheyShouldBeRemovedAsDtmDoes() {
		assertThat(this.validator.gid("a;b\r\nc")).isEqualTo("abc");
		assertThat(this.validator.gid("a b\tc")).as("any other character is kept").isEqualTo("a b\tc");
	}

	@Test
	void whenGidIsEmptyAfterEscapingShouldRefuseIt() {
		assertThatExceptionOfType(DtmApiException.BadRequest.class).isThrownBy(() -> this.validator.gid(";\n"))
			.withMessage("gid is missing or empty");
	}

	@Test
	void whenStrictGidIsOnShouldRefuseSeparatorsWhitespaceAndControlCharacters() {
		this.properties.getStrict().setGid(true);
		for (String gid : List.of("a;b", "a b", "a\tb", "a\nb", "a\u0001b")) {
			assertThatExceptionOfType(DtmApiException.BadRequest.class).isThrownBy(() -> this.validator.gid(gid))
				.withMessageContaining("dtm.server.strict.gid");
		}
		assertThat(this.validator.gid("plain-gid_1")).isEqualTo("plain-gid_1");
	}

	@Test
	void whenSagaOrMsgHasNoStepsShouldAcceptIt() {
		this.validator.newTransaction(request("saga", List.of(), null), TransType.SAGA, false);
		this.validator.newTransaction(request("msg", null, null), TransType.MSG, false);
	}

	@Test
	void whenMsgPrepareHasNoQueryPreparedShouldAcceptItUnlessStrict() {
		TransRequest msg = request("msg", List.of(Map.of("action", "http://p/A")), null);
		this.validator.newTransaction(msg, TransType.MSG, true);
		this.properties.getStrict().setQueryPrepared(true);
		assertThatExceptionOfType(DtmApiException.BadRequest.class)
			.isThrownBy(() -> this.validator.newTransaction(msg, TransType.MSG, true))
			.withMessage("query_prepared is missing");
	}

	private static TransRequest request(String type, List<Map<String, String>> steps, String queryPrepared) {
		return new TransRequest("g1", type, steps, null, null, queryPrepared, null, false, 0, 0, 0, null, false, 0, 0,
				null, null);
	}

}
