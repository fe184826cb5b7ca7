package io.dtm.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BranchOutcome}: dtm's reply precedence, 425/ONGOING before 409/FAILURE
 * before other statuses before 200.
 */
class BranchOutcomeTests {

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(delimiter = '|',
			value = { "200|{\"dtm_result\":\"SUCCESS\"}|SUCCESS", "200||SUCCESS", "200|ok|SUCCESS", "425||ONGOING",
					"200|{\"dtm_result\":\"ONGOING\"}|ONGOING", "409|{\"dtm_result\":\"ONGOING\"}|ONGOING",
					"409||FAILURE", "200|FAILURE|FAILURE", "500|{\"dtm_result\":\"FAILURE\"}|FAILURE", "500|boom|ERROR",
					"404||ERROR", "201||ERROR", "503|ONGOING|ONGOING" })
	void fromHttpWhenReplyArrivesShouldFollowDtmPrecedence(int status, String body, BranchOutcome expected) {
		assertThat(BranchOutcome.fromHttp(status, body)).isEqualTo(expected);
	}

}
