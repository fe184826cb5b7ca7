package io.dtm.server.engine;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.server.store.StatusChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saga {@code retry_limit}: re-runs inside a pass wait a doubling delay, stop when the
 * global status changed, and stay within the pass's budget.
 */
class RetryLimitTests {

	private final EngineHarness engine = new EngineHarness();

	private static TransOptions retryLimit(long limit) {
		return new TransOptions(false, 0, 0, 0, null, false, limit, 0);
	}

	@Test
	void whenActionKeepsErroringShouldSpaceInPassRetriesWithDoublingDelays() {
		this.engine.storedSaga("r1", GlobalStatus.SUBMITTED, "", retryLimit(3), BranchStatus.PREPARED);
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);

		this.engine.cron.runOnce();

		List<LocalDateTime> calls = this.engine.invoker.calls()
			.stream()
			.filter((c) -> c.path().equals("/A1"))
			.map(EngineHarness.Call::at)
			.toList();
		assertThat(calls).hasSize(4);
		assertThat(Duration.between(calls.get(0), calls.get(1))).isEqualTo(Duration.ofMillis(100));
		assertThat(Duration.between(calls.get(1), calls.get(2))).isEqualTo(Duration.ofMillis(200));
		assertThat(Duration.between(calls.get(2), calls.get(3))).isEqualTo(Duration.ofMillis(400));
		assertThat(this.engine.global("r1").status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.engine.global("r1").rollbackReason()).contains("RetryLimit: 3");
	}

	@Test
	void whenRetryLimitIsHugeShouldBoundThePassAndLeaveTheRestToTheCron() {
		this.engine.storedSaga("r2", GlobalStatus.SUBMITTED, "", retryLimit(3000), BranchStatus.PREPARED);
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);

		this.engine.cron.runOnce();

		long calls = this.engine.invoker.count("/A1");
		assertThat(calls).as("re-runs within the 5 s budget: 100+200+400+800+1600 ms").isEqualTo(6);
		assertThat(this.engine.global("r2").status()).isEqualTo(GlobalStatus.SUBMITTED);
		assertThat(this.engine.global("r2").nextCronTime()).isAfter(this.engine.now());
	}

	@Test
	void whenForceStoppedDuringRetriesShouldStopCalling() {
		this.engine.storedSaga("r3", GlobalStatus.SUBMITTED, "", retryLimit(3000), BranchStatus.PREPARED);
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);
		this.engine.invoker.onCall(() -> {
			if (this.engine.invoker.count("/A1") == 2) {
				this.engine.store.changeStatus(new StatusChange("r3", GlobalStatus.SUBMITTED, GlobalStatus.FAILED,
						"force stopped", this.engine.now()));
			}
		});

		this.engine.cron.runOnce();
		this.engine.advance(Duration.ofHours(2));

		assertThat(this.engine.invoker.count("/A1")).isEqualTo(2);
		assertThat(this.engine.global("r3").status()).isEqualTo(GlobalStatus.FAILED);
	}

}
