package io.dtm.server.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import org.junit.jupiter.api.Test;

import static io.dtm.server.engine.TransBuilder.saga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Saga rules, given a scripted participant and a clock the test moves: the calls made,
 * the statuses gone through and when the next attempt is due. No network, no sleeps.
 */
class SagaEngineTests {

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenSagaHasNoStepsShouldSucceedAtOnceWithoutCalls() {
		this.engine.submit(saga("s0").waitResult());

		assertThat(this.engine.invoker.paths()).isEmpty();
		assertThat(this.engine.statusPath("s0")).containsExactly(GlobalStatus.SUBMITTED, GlobalStatus.SUCCEED);
	}

	@Test
	void whenEveryStepSucceedsShouldCallTheActionsInOrderAndSucceed() {
		this.engine.submit(saga("s1").steps(3));

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2", "/A3");
		assertThat(this.engine.statusPath("s1")).containsExactly(GlobalStatus.SUBMITTED, GlobalStatus.SUCCEED);
		assertThat(this.engine.branchStates("s1")).containsExactly("01 compensate prepared", "01 action succeed",
				"02 compensate prepared", "02 action succeed", "03 compensate prepared", "03 action succeed");
	}

	@Test
	void whenStepTwoOfThreeFailsShouldCompensateInReverseIncludingTheFailedStepAndFail() {
		this.engine.invoker.then("/A2", BranchOutcome.FAILURE);

		this.engine.submit(saga("s2").steps(3));

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2", "/C2", "/C1");
		assertThat(this.engine.statusPath("s2")).containsExactly(GlobalStatus.SUBMITTED, GlobalStatus.ABORTING,
				GlobalStatus.FAILED);
		assertThat(this.engine.global("s2").rollbackReason()).isEqualTo("/A2 answered FAILURE");
	}

	@Test
	void whenAnActionErrorsShouldRetryItWithDoublingIntervalsThenFinish() {
		this.engine.invoker.then("/A1", BranchOutcome.ERROR, BranchOutcome.ERROR, BranchOutcome.ERROR);

		this.engine.submit(saga("s3").steps(2));
		assertThat(this.engine.global("s3").nextCronTime()).isEqualTo(this.engine.now().plusSeconds(20));
		assertThat(this.engine.advance(Duration.ofSeconds(19))).isZero();
		this.engine.advance(Duration.ofSeconds(1));
		assertThat(this.engine.global("s3").nextCronInterval()).isEqualTo(40);
		this.engine.advance(Duration.ofSeconds(40));
		assertThat(this.engine.global("s3").nextCronInterval()).isEqualTo(80);
		this.engine.advance(Duration.ofSeconds(80));

		assertThat(this.engine.invoker.calls()).extracting(EngineHarness.Call::path)
			.containsExactly("/A1", "/A1", "/A1", "/A1", "/A2");
		assertThat(this.engine.invoker.calls()).extracting((c) -> c.at().toLocalTime().toSecondOfDay())
			.as("seconds of the day of each call: +0, +20, +60, +140")
			.containsExactly(43200, 43220, 43260, 43340, 43340);
		assertThat(this.engine.global("s3").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenAnActionAnswersOngoingTheIntervalShouldStayAsItIs() {
		this.engine.invoker.then("/A1", BranchOutcome.ERROR, BranchOutcome.ONGOING, BranchOutcome.ONGOING);

		this.engine.submit(saga("s4").steps(1));
		this.engine.advance(Duration.ofSeconds(20));
		assertThat(this.engine.global("s4").nextCronInterval()).as("ONGOING is no fault: no doubling").isEqualTo(20);
		assertThat(this.engine.global("s4").nextCronTime()).isEqualTo(this.engine.now().plusSeconds(20));
		this.engine.advance(Duration.ofSeconds(20));
		this.engine.advance(Duration.ofSeconds(20));

		assertThat(this.engine.invoker.count("/A1")).isEqualTo(4);
		assertThat(this.engine.global("s4").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenARetryIntervalIsGivenItShouldBeTheBaseOfTheBackOff() {
		this.engine.invoker.then("/A1", BranchOutcome.ERROR);

		this.engine.submit(saga("s5").steps(1).retryInterval(3));

		assertThat(this.engine.global("s5").nextCronInterval()).isEqualTo(6);
		assertThat(this.engine.advance(Duration.ofSeconds(6))).isEqualTo(1);
		assertThat(this.engine.global("s5").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenItsTimeoutElapsesASubmittedSagaShouldRollBackWhatRan() {
		this.engine.invoker.always("/A2", BranchOutcome.ERROR);

		this.engine.submit(saga("s6").steps(3).timeoutToFail(30));
		this.engine.advance(Duration.ofSeconds(30));

		assertThat(this.engine.invoker.paths()).endsWith("/C2", "/C1").doesNotContain("/A3", "/C3");
		assertThat(this.engine.global("s6").status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.engine.global("s6").rollbackReason()).isEqualTo("Timeout after 30 seconds");
	}

	@Test
	void whenACompensationErrorsItShouldBeRetriedUntilItSucceeds() {
		this.engine.invoker.then("/A2", BranchOutcome.FAILURE).then("/C1", BranchOutcome.ERROR);

		this.engine.submit(saga("s7").steps(2));
		assertThat(this.engine.global("s7").status()).isEqualTo(GlobalStatus.ABORTING);
		this.engine.advance(Duration.ofSeconds(20));

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2", "/C2", "/C1", "/C1");
		assertThat(this.engine.global("s7").status()).isEqualTo(GlobalStatus.FAILED);
	}

	@Test
	void whenWaitResultIsAskedTheFirstPassShouldRunBeforeTheAnswer() {
		this.engine.invoker.then("/A1", BranchOutcome.FAILURE);

		assertThatExceptionOfType(io.dtm.server.service.DtmApiException.Conflict.class)
			.isThrownBy(() -> this.engine.submit(saga("s8").steps(2).waitResult()))
			.withMessage("/A1 answered FAILURE");
		assertThat(this.engine.global("s8").status()).isEqualTo(GlobalStatus.FAILED);
	}

	@Test
	void whenStepsRunConcurrentlyAStepShouldWaitForTheStepsItIsOrderedAfter() {
		this.engine.submit(saga("c1").steps(4).concurrentSaga(Map.of(2, List.of(0, 1), 3, List.of(2))));

		List<String> calls = this.engine.invoker.paths();
		assertThat(calls).containsExactlyInAnyOrder("/A1", "/A2", "/A3", "/A4");
		assertThat(calls.indexOf("/A3")).isGreaterThan(calls.indexOf("/A1")).isGreaterThan(calls.indexOf("/A2"));
		assertThat(calls.indexOf("/A4")).isGreaterThan(calls.indexOf("/A3"));
		assertThat(this.engine.global("c1").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenAConcurrentStepFailsShouldCompensateWhatMayHaveRunAfterWhatDependsOnIt() {
		this.engine.invoker.then("/A2", BranchOutcome.FAILURE);

		this.engine.submit(saga("c2").steps(3).concurrentSaga(Map.of(1, List.of(0), 2, List.of(1))));

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2", "/C2", "/C1");
		assertThat(this.engine.global("c2").status()).isEqualTo(GlobalStatus.FAILED);
	}

	@Test
	void whenAConcurrentStepIsOngoingTheStepsAfterItShouldWaitForTheNextPass() {
		this.engine.invoker.then("/A1", BranchOutcome.ONGOING);

		this.engine.submit(saga("c3").steps(3).concurrentSaga(Map.of(2, List.of(0))));
		assertThat(this.engine.invoker.paths()).containsExactlyInAnyOrder("/A1", "/A2");
		this.engine.advance(Duration.ofSeconds(10));

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2", "/A1", "/A3");
		assertThat(this.engine.global("c3").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

}
