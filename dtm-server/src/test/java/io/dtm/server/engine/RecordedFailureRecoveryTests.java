package io.dtm.server.engine;

import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pass that stops after recording an action's FAILURE and before the switch to aborting
 * (a crash, a store error) must lead to compensation on the next pass.
 */
class RecordedFailureRecoveryTests {

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenConcurrentSagaHasRecordedFailedActionShouldCompensateOnNextPass() {
		this.engine.storedSaga("g1", GlobalStatus.SUBMITTED, "{\"concurrent\":true}", TransOptions.NONE,
				BranchStatus.SUCCEED, BranchStatus.FAILED);

		this.engine.drainDue();

		assertThat(this.engine.global("g1").status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.engine.invoker.paths()).containsExactlyInAnyOrder("/C1", "/C2");
		assertThat(this.engine.global("g1").rollbackReason()).contains("02");
	}

	@Test
	void whenSequentialSagaHasRecordedFailedActionShouldCompensateInReverse() {
		this.engine.storedSaga("g2", GlobalStatus.SUBMITTED, "", TransOptions.NONE, BranchStatus.SUCCEED,
				BranchStatus.FAILED, BranchStatus.PREPARED);

		this.engine.drainDue();

		assertThat(this.engine.global("g2").status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.engine.invoker.paths()).containsExactly("/C2", "/C1");
	}

	@Test
	void whenStoreFailsBetweenRecordingFailureAndAbortingShouldCompensateOnNextPass() {
		this.engine.storedSaga("g3", GlobalStatus.SUBMITTED, "{\"concurrent\":true}", TransOptions.NONE,
				BranchStatus.SUCCEED, BranchStatus.PREPARED);
		this.engine.invoker.always("/A2", BranchOutcome.FAILURE);
		this.engine.store.failWhen("changeStatus"::equals);

		this.engine.drainDue();
		assertThat(this.engine.branchStates("g3")).contains("02 action failed");
		assertThat(this.engine.global("g3").status()).isEqualTo(GlobalStatus.SUBMITTED);

		this.engine.store.failWhen((operation) -> false);
		this.engine.advance(java.time.Duration.ofMinutes(5));

		assertThat(this.engine.global("g3").status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.engine.invoker.count("/A2")).as("the failed action is not called again").isEqualTo(1);
		assertThat(this.engine.invoker.paths()).contains("/C1", "/C2");
	}

}
