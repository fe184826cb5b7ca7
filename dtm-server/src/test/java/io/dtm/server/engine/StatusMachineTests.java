package io.dtm.server.engine;

import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status chokepoint stores what fits the schema.
 */
class StatusMachineTests {

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenRollbackReasonIsLongerThanTheColumnShouldStoreItCut() {
		this.engine.storedSaga("sm1", GlobalStatus.SUBMITTED, "", TransOptions.NONE, BranchStatus.PREPARED);

		this.engine.statusMachine.transition(this.engine.global("sm1"), GlobalStatus.ABORTING, "e".repeat(5000));

		String stored = this.engine.global("sm1").rollbackReason();
		assertThat(stored).hasSize(1024).endsWith("e\u2026");
	}

	@Test
	void whenCutWouldSplitASurrogatePairShouldKeepThePairWhole() {
		String reason = "e".repeat(1022) + "\ud83d\ude00" + "tail";

		String fitted = StatusMachine.fitted(reason);

		assertThat(fitted).hasSizeLessThanOrEqualTo(1024).endsWith("e\u2026");
	}

}
