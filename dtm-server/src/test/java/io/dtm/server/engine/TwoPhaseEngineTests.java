package io.dtm.server.engine;

import java.time.Duration;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransRequest;
import org.junit.jupiter.api.Test;

import static io.dtm.server.engine.TransBuilder.tcc;
import static io.dtm.server.engine.TransBuilder.xa;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tcc and xa rules: the second phase of every registered branch on submit and abort, in
 * dtm's order, retried until it succeeds, and a prepared transaction that nobody finishes
 * is aborted when it times out.
 */
class TwoPhaseEngineTests {

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenATccIsSubmittedShouldConfirmEveryBranchInReverseOrderOfRegistration() {
		this.engine.prepare(tcc("t1"));
		this.engine.registerTcc("t1", "01");
		this.engine.registerTcc("t1", "02");

		this.engine.submit(tcc("t1"));

		assertThat(this.engine.invoker.calls()).extracting((c) -> c.path() + " " + c.op().wireValue())
			.containsExactly("/Confirm02 confirm", "/Confirm01 confirm");
		assertThat(this.engine.statusPath("t1")).containsExactly(GlobalStatus.PREPARED, GlobalStatus.SUBMITTED,
				GlobalStatus.SUCCEED);
	}

	@Test
	void whenATccIsAbortedShouldCancelEveryBranchAndFail() {
		this.engine.prepare(tcc("t2"));
		this.engine.registerTcc("t2", "01");
		this.engine.registerTcc("t2", "02");

		this.engine.coordinator.abort(request("t2", "tcc"));

		assertThat(this.engine.invoker.paths()).containsExactly("/Cancel02", "/Cancel01");
		assertThat(this.engine.statusPath("t2")).containsExactly(GlobalStatus.PREPARED, GlobalStatus.ABORTING,
				GlobalStatus.FAILED);
	}

	@Test
	void whenAConfirmErrorsItShouldBeRetriedWithBackOffUntilItSucceeds() {
		this.engine.invoker.then("/Confirm01", BranchOutcome.ERROR, BranchOutcome.FAILURE);
		this.engine.prepare(tcc("t3"));
		this.engine.registerTcc("t3", "01");

		this.engine.submit(tcc("t3"));
		this.engine.advance(Duration.ofSeconds(20));
		this.engine.advance(Duration.ofSeconds(40));

		assertThat(this.engine.invoker.paths()).containsExactly("/Confirm01", "/Confirm01", "/Confirm01");
		assertThat(this.engine.global("t3").status()).as("a second phase is never given up")
			.isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenAPreparedTccTimesOutTheCronShouldAbortItAndCancelItsBranches() {
		this.engine.prepare(tcc("t4").timeoutToFail(20));
		this.engine.registerTcc("t4", "01");

		this.engine.advance(Duration.ofSeconds(19));
		assertThat(this.engine.invoker.paths()).as("looked at after one base interval, not yet timed out").isEmpty();
		assertThat(this.engine.global("t4").nextCronTime()).isEqualTo(EngineHarness.T0.plusSeconds(20));
		this.engine.advance(Duration.ofSeconds(1));

		assertThat(this.engine.invoker.calls()).singleElement().satisfies((call) -> {
			assertThat(call.path()).isEqualTo("/Cancel01");
			assertThat(call.at()).isEqualTo(EngineHarness.T0.plusSeconds(20));
		});
		assertThat(this.engine.global("t4").status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.engine.global("t4").rollbackReason()).isEqualTo("Timeout after 20 seconds");
	}

	@Test
	void whenAPreparedTccIsLookedAtBeforeItsTimeoutItShouldBeScheduledForTheTimeout() {
		this.engine.prepare(tcc("t5"));
		this.engine.coordinator.resetNextCronTime("t5");

		this.engine.drainDue();

		assertThat(this.engine.invoker.paths()).isEmpty();
		assertThat(this.engine.global("t5").status()).isEqualTo(GlobalStatus.PREPARED);
		assertThat(this.engine.global("t5").nextCronTime()).isEqualTo(EngineHarness.T0.plusSeconds(35));
	}

	@Test
	void whenAnXaIsSubmittedShouldCommitEveryBranchInRegistrationOrder() {
		this.engine.prepare(xa("x1"));
		this.engine.registerXa("x1", "01");
		this.engine.registerXa("x1", "02");

		this.engine.submit(xa("x1"));

		assertThat(this.engine.invoker.calls()).extracting((c) -> c.path() + " " + c.op().wireValue())
			.containsExactly("/Xa01 commit", "/Xa02 commit");
		assertThat(this.engine.global("x1").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenAnXaIsAbortedShouldRollBackEveryBranch() {
		this.engine.invoker.then("/Xa02", BranchOutcome.ONGOING);
		this.engine.prepare(xa("x2"));
		this.engine.registerXa("x2", "01");
		this.engine.registerXa("x2", "02");

		this.engine.coordinator.abort(request("x2", "xa"));
		assertThat(this.engine.global("x2").status()).isEqualTo(GlobalStatus.ABORTING);
		this.engine.advance(Duration.ofSeconds(10));

		assertThat(this.engine.invoker.calls()).extracting(EngineHarness.Call::op).containsOnly(BranchOp.ROLLBACK);
		assertThat(this.engine.invoker.paths()).containsExactly("/Xa01", "/Xa02", "/Xa02");
		assertThat(this.engine.global("x2").status()).isEqualTo(GlobalStatus.FAILED);
	}

	private static TransRequest request(String gid, String type) {
		return new TransRequest(gid, type, null, null, null, null, null, false, 0, 0, 0, null, false, 0, 0, null, null);
	}

}
