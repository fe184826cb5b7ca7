package io.dtm.server.store;

import io.dtm.core.BranchOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BranchCallFailure}.
 */
class BranchCallFailureTests {

	@Test
	void whenOutcomeIsSuccessShouldRefuseIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BranchCallFailure(BranchOutcome.SUCCESS, "200", "HTTP 200"))
			.withMessageContaining("FAILURE, ERROR or ONGOING");
		assertThatIllegalArgumentException().isThrownBy(() -> new BranchCallFailure(null, "", ""));
	}

	@Test
	void whenTextsAreLongerThanKeptShouldCutThemWithoutSplittingACharacter() {
		String emoji = "\ud83d\ude00";
		BranchCallFailure failure = new BranchCallFailure(BranchOutcome.ERROR, "x".repeat(100),
				"a" + emoji.repeat(600));

		assertThat(failure.code()).hasSize(BranchCallFailure.MAX_CODE);
		assertThat(failure.message()).hasSize(BranchCallFailure.MAX_MESSAGE - 1).endsWith(emoji);
	}

	@Test
	void whenTextsAreMissingShouldBeEmpty() {
		BranchCallFailure failure = new BranchCallFailure(BranchOutcome.ONGOING, null, null);

		assertThat(failure.code()).isEmpty();
		assertThat(failure.message()).isEmpty();
	}

}
