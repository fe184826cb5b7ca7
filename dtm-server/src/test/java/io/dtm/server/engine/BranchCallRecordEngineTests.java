package io.dtm.server.engine;

import java.time.Duration;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.server.store.BranchCallRecord;
import org.junit.jupiter.api.Test;

import static io.dtm.server.engine.TransBuilder.msg;
import static io.dtm.server.engine.TransBuilder.saga;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine records every branch call that does not succeed (count, last outcome, code,
 * message and time), and nothing for the calls that do.
 */
class BranchCallRecordEngineTests {

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenABranchErrorsTwiceThenSucceedsTheRecordShouldCountTwoCallsAndKeepTheLast() {
		this.engine.invoker.then("/A1", BranchOutcome.ERROR, BranchOutcome.ERROR);

		this.engine.submit(saga("r1").steps(2));
		this.engine.advance(Duration.ofSeconds(20));
		this.engine.advance(Duration.ofSeconds(40));

		assertThat(this.engine.global("r1").status()).isEqualTo(GlobalStatus.SUCCEED);
		assertThat(this.engine.callLog.find("r1")).singleElement()
			.isEqualTo(new BranchCallRecord("r1", "01", BranchOp.ACTION, 2, BranchOutcome.ERROR, "500",
					"/A1 answered ERROR", EngineHarness.T0.plusSeconds(20)));
	}

	@Test
	void whenEveryCallSucceedsNothingShouldBeRecorded() {
		this.engine.submit(saga("r2").steps(3));

		assertThat(this.engine.global("r2").status()).isEqualTo(GlobalStatus.SUCCEED);
		assertThat(this.engine.callLog.find("r2")).isEmpty();
	}

	@Test
	void whenASagaActionFailsTheActionShouldBeRecordedAsFailureAndTheCompensationsNot() {
		this.engine.invoker.then("/A2", BranchOutcome.FAILURE);

		this.engine.submit(saga("r3").steps(2));

		assertThat(this.engine.global("r3").status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.engine.callLog.find("r3")).singleElement().satisfies((record) -> {
			assertThat(record.branchId()).isEqualTo("02");
			assertThat(record.op()).isEqualTo(BranchOp.ACTION);
			assertThat(record.lastOutcome()).isEqualTo(BranchOutcome.FAILURE);
			assertThat(record.lastCode()).isEqualTo("409");
		});
	}

	@Test
	void whenTheMsgCheckBackDoesNotSucceedItShouldBeRecordedUnderBranch00() {
		this.engine.invoker.then("/Q", BranchOutcome.ONGOING, BranchOutcome.ERROR);
		this.engine.prepare(msg("r4").steps(1));

		this.engine.advance(Duration.ofSeconds(35));
		this.engine.advance(Duration.ofSeconds(10));

		assertThat(this.engine.callLog.find("r4")).singleElement().satisfies((record) -> {
			assertThat(record.branchId()).isEqualTo("00");
			assertThat(record.op()).isEqualTo(BranchOp.MSG);
			assertThat(record.failedCalls()).isEqualTo(2);
			assertThat(record.lastOutcome()).isEqualTo(BranchOutcome.ERROR);
			assertThat(record.lastTime()).isEqualTo(EngineHarness.T0.plusSeconds(45));
		});
	}

	@Test
	void whenARecordCannotBeWrittenTheTransactionShouldBeProcessedAsUsualAndTheFailureCounted() {
		this.engine.callLog.failWith(new IllegalStateException("the database is away"));
		this.engine.invoker.then("/A1", BranchOutcome.ERROR);

		this.engine.submit(saga("r5").steps(1));
		assertThat(this.engine.global("r5").nextCronInterval()).as("backed off as without records").isEqualTo(20);
		this.engine.advance(Duration.ofSeconds(20));

		assertThat(this.engine.global("r5").status()).isEqualTo(GlobalStatus.SUCCEED);
		assertThat(this.engine.callRecordFailures).hasValue(1);
		assertThat(this.engine.callLog.find("r5")).isEmpty();
	}

}
