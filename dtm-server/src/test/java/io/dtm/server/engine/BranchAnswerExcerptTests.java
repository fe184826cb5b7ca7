package io.dtm.server.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BranchCallResult#excerpt(String)}: what of a participant's answer may
 * be read back through details, rollback reasons and API answers.
 */
class BranchAnswerExcerptTests {

	@Test
	void whenTheAnswerIsADtmResultShouldKeepItWhole() {
		assertThat(BranchCallResult.excerpt("{\"dtm_result\":\"FAILURE\"}")).isEqualTo("{\"dtm_result\":\"FAILURE\"}");
		assertThat(BranchCallResult.excerpt("{\"dtm_result\":\"FAILURE\",\"message\":\"balance too low\"}"))
			.isEqualTo("{\"dtm_result\":\"FAILURE\",\"message\":\"balance too low\"}");
		assertThat(BranchCallResult.excerpt("FAILURE")).isEqualTo("FAILURE");
	}

	@Test
	void whenTheAnswerIsSomeOtherServicesJsonShouldKeepNoneOfItsFields() {
		String credentials = "{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"wJalrXUtnFEMI/K7MDENG\","
				+ "\"Token\":\"IQoJb3JpZ2luX2Vj\"}";

		assertThat(BranchCallResult.excerpt(credentials))
			.isEqualTo("(" + credentials.length() + " characters of JSON without dtm_result or message)");
	}

	@Test
	void whenTheAnswerHasOtherFieldsBesideTheKeptOnesShouldDropThem() {
		String answer = "{\"timestamp\":\"2026-12-07\",\"status\":500,\"error\":\"Internal Server Error\","
				+ "\"trace\":\"java.lang.IllegalStateException: db password=hunter2\",\"path\":\"/TransOut\"}";

		assertThat(BranchCallResult.excerpt(answer)).isEqualTo("{\"error\":\"Internal Server Error\"}");
	}

	@Test
	void whenAJsonRpcErrorAnswersShouldKeepItsCodeAndMessage() {
		assertThat(BranchCallResult.excerpt(
				"{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32901,\"message\":\"FAILURE\",\"data\":\"secret\"},\"id\":\"1\"}"))
			.isEqualTo("{\"error\":{\"code\":-32901,\"message\":\"FAILURE\"}}");
	}

	@Test
	void whenTheAnswerIsLongTextShouldKeepItsFirstLineCut() {
		String page = "<html><head><title>Admin</title></head>\n<body>secret rows</body></html>";
		String longLine = "x".repeat(500);

		assertThat(BranchCallResult.excerpt(page)).isEqualTo("<html><head><title>Admin</title></head>");
		assertThat(BranchCallResult.excerpt(longLine)).hasSize(BranchCallResult.TEXT_LIMIT + 3).endsWith("...");
		assertThat(BranchCallResult.excerpt("{\"message\":\"" + "m".repeat(300) + "\"}"))
			.hasSize("{\"message\":\"\"}".length() + BranchCallResult.FIELD_LIMIT + 3);
	}

	@Test
	void whenTheAnswerHasControlCharactersShouldDropThem() {
		assertThat(BranchCallResult.excerpt("ONGOING\u0000\u001b[31m")).isEqualTo("ONGOING[31m");
		assertThat(BranchCallResult.excerpt(null)).isEmpty();
		assertThat(BranchCallResult.excerpt("{not json")).isEqualTo("{not json");
	}

}
