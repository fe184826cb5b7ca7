package io.dtm.server.engine;

import java.time.Duration;
import java.util.Optional;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransRequest;
import io.dtm.server.store.StatusChange;
import org.junit.jupiter.api.Test;

import static io.dtm.server.engine.TransBuilder.msg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-phase message rules: delivery in order or all at once, the delay, the check-back of
 * a prepared message and its outcomes, and a message is never rolled back.
 */
class MsgEngineTests {

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenSubmittedShouldCallEveryStepInOrderAndSucceed() {
		this.engine.submit(msg("m1").steps(3));

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2", "/A3");
		assertThat(this.engine.statusPath("m1")).containsExactly(GlobalStatus.SUBMITTED, GlobalStatus.SUCCEED);
	}

	@Test
	void whenAStepErrorsShouldRetryItWithBackOffAndNeverRollBack() {
		this.engine.invoker.then("/A2", BranchOutcome.ERROR, BranchOutcome.FAILURE);

		this.engine.submit(msg("m2").steps(2));
		this.engine.advance(Duration.ofSeconds(20));
		assertThat(this.engine.global("m2").nextCronInterval()).isEqualTo(40);
		this.engine.advance(Duration.ofSeconds(40));

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2", "/A2", "/A2");
		assertThat(this.engine.statusPath("m2")).containsExactly(GlobalStatus.SUBMITTED, GlobalStatus.SUCCEED);
	}

	@Test
	void whenADelayIsAskedNothingShouldBeCalledBeforeItElapses() {
		this.engine.submit(msg("m3").steps(1).delay(30));
		assertThat(this.engine.invoker.paths()).isEmpty();
		assertThat(this.engine.global("m3").nextCronTime()).isEqualTo(this.engine.now().plusSeconds(30));

		assertThat(this.engine.advance(Duration.ofSeconds(29))).isZero();
		this.engine.advance(Duration.ofSeconds(1));

		assertThat(this.engine.invoker.calls()).singleElement()
			.satisfies((call) -> assertThat(call.at()).isEqualTo(EngineHarness.T0.plusSeconds(30)));
		assertThat(this.engine.global("m3").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenConcurrentEveryStepShouldBeCalledInOnePass() {
		this.engine.invoker.then("/A1", BranchOutcome.ERROR);

		this.engine.submit(msg("m4").steps(3).concurrentMsg());

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2", "/A3");
		assertThat(this.engine.branchStates("m4")).containsExactly("01 action prepared", "02 action succeed",
				"03 action succeed");
		this.engine.advance(Duration.ofSeconds(20));
		assertThat(this.engine.global("m4").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenPreparedWithoutQueryPreparedTheTimedOutCheckBackShouldSucceedAndDeliver() {
		this.engine.prepare(msg("p0").steps(2).withoutQueryPrepared());

		this.engine.advance(Duration.ofSeconds(40));

		assertThat(this.engine.invoker.paths()).as("no check-back call, then the steps").containsExactly("/A1", "/A2");
		assertThat(this.engine.statusPath("p0")).containsExactly(GlobalStatus.PREPARED, GlobalStatus.SUBMITTED,
				GlobalStatus.SUCCEED);
	}

	@Test
	void whenSubmittedAfterPrepareWithoutStepsShouldDeliverThePreparedSteps() {
		this.engine.prepare(msg("p9").steps(2));
		this.engine.submit(msg("p9").waitResult());

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2");
		assertThat(this.engine.global("p9").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenPreparedAndNotTimedOutTheCheckBackShouldWaitForTheTimeout() {
		this.engine.prepare(msg("p1").steps(1));
		this.engine.coordinator.resetNextCronTime("p1");

		this.engine.drainDue();

		assertThat(this.engine.invoker.paths()).isEmpty();
		assertThat(this.engine.global("p1").nextCronTime()).isEqualTo(EngineHarness.T0.plusSeconds(35));
	}

	@Test
	void whenTheCheckBackAnswersSuccessTheMsgShouldBeSubmittedAndDelivered() {
		this.engine.prepare(msg("p2").steps(2));

		this.engine.advance(Duration.ofSeconds(35));

		assertThat(this.engine.invoker.calls())
			.extracting((c) -> c.path() + " " + c.op().wireValue() + " " + c.branchId())
			.containsExactly("/Q msg 00", "/A1 action 01", "/A2 action 02");
		assertThat(this.engine.statusPath("p2")).containsExactly(GlobalStatus.PREPARED, GlobalStatus.SUBMITTED,
				GlobalStatus.SUCCEED);
	}

	@Test
	void whenTheCheckBackAnswersFailureTheMsgShouldFailWithoutCallingASteps() {
		this.engine.invoker.then("/Q", BranchOutcome.FAILURE);
		this.engine.prepare(msg("p3").steps(2));

		this.engine.advance(Duration.ofSeconds(35));

		assertThat(this.engine.invoker.paths()).containsExactly("/Q");
		assertThat(this.engine.statusPath("p3")).containsExactly(GlobalStatus.PREPARED, GlobalStatus.FAILED);
		assertThat(this.engine.global("p3").rollbackReason())
			.isEqualTo("query_prepared answered FAILURE: /Q answered FAILURE");
	}

	@Test
	void whenTheCheckBackIsOngoingOrErrorsItShouldBeAskedAgainLater() {
		this.engine.invoker.then("/Q", BranchOutcome.ONGOING, BranchOutcome.ERROR);
		this.engine.prepare(msg("p4").steps(1));

		this.engine.advance(Duration.ofSeconds(35));
		assertThat(this.engine.global("p4").status()).isEqualTo(GlobalStatus.PREPARED);
		assertThat(this.engine.global("p4").nextCronTime()).isEqualTo(this.engine.now().plusSeconds(10));
		this.engine.advance(Duration.ofSeconds(10));
		assertThat(this.engine.global("p4").nextCronInterval()).isEqualTo(20);
		this.engine.advance(Duration.ofSeconds(20));

		assertThat(this.engine.invoker.paths()).containsExactly("/Q", "/Q", "/Q", "/A1");
		assertThat(this.engine.global("p4").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenAbortedWhilePreparedTheMsgShouldFailAtOnceAndPublishTheChange() {
		this.engine.prepare(msg("p5").steps(1));

		this.engine.coordinator.abort(abort("p5"));

		assertThat(this.engine.invoker.paths()).isEmpty();
		assertThat(this.engine.transitions).singleElement().satisfies((event) -> {
			assertThat(event.transition()).isEqualTo(GlobalStatusTransition.PREPARED_TO_FAILED);
			assertThat(event.isFinal()).isTrue();
		});
	}

	@Test
	void whenAnotherInstanceChangesTheStatusDuringConcurrentCallsThePassShouldEndAsStale() {
		this.engine.submit(msg("m5").steps(2).concurrentMsg().delay(10));
		this.engine.clock.advance(Duration.ofSeconds(10));
		this.engine.invoker.onCall(() -> {
			if (this.engine.invoker.count("/A1") == 1 && this.engine.global("m5").status() == GlobalStatus.SUBMITTED) {
				this.engine.store.changeStatus(new StatusChange("m5", GlobalStatus.SUBMITTED, GlobalStatus.FAILED,
						"force stopped", this.engine.now()));
			}
		});

		Optional<TransWorker.PassOutcome> outcome = this.engine.worker.process(this.engine.global("m5"));

		assertThat(outcome).hasValueSatisfying((pass) -> {
			assertThat(pass.worstOutcome()).as("a lost race is no branch error").isEqualTo(BranchOutcome.SUCCESS);
			assertThat(pass.lastError()).isNull();
		});
		assertThat(this.engine.invoker.calls()).extracting(EngineHarness.Call::op).containsOnly(BranchOp.ACTION);
		assertThat(this.engine.global("m5").status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.engine.global("m5").rollbackReason()).isEqualTo("force stopped");
	}

	private static TransRequest abort(String gid) {
		return new TransRequest(gid, "msg", null, null, null, null, null, false, 0, 0, 0, null, false, 0, 0, null,
				null);
	}

}
