package io.dtm.server.engine;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.server.testsupport.InMemoryBranchCallLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BranchCallRecorder}.
 */
class BranchCallRecorderTests {

	private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 1, 12, 0);

	private final InMemoryBranchCallLog log = new InMemoryBranchCallLog();

	private final AtomicInteger failures = new AtomicInteger();

	private final BranchCallRecorder recorder = new BranchCallRecorder(this.log, new EngineMetrics() {

		@Override
		public void callRecordFailed() {
			BranchCallRecorderTests.this.failures.incrementAndGet();
		}

	});

	@Test
	void whenTheCallSucceededNothingShouldBeWritten() {
		this.recorder.record("g1", "01", BranchOp.ACTION, new BranchCallResult(BranchOutcome.SUCCESS, "", "200"), NOW);

		assertThat(this.log.find("g1")).isEmpty();
	}

	@Test
	void whenTheCallDidNotSucceedItsOutcomeCodeAndDetailShouldBeWritten() {
		this.recorder.record("g2", "00", BranchOp.WORKFLOW,
				new BranchCallResult(BranchOutcome.ONGOING, "HTTP 425 {}", "425"), NOW);

		assertThat(this.log.find("g2")).singleElement().satisfies((record) -> {
			assertThat(record.lastOutcome()).isEqualTo(BranchOutcome.ONGOING);
			assertThat(record.lastCode()).isEqualTo("425");
			assertThat(record.lastError()).isEqualTo("HTTP 425 {}");
			assertThat(record.lastTime()).isEqualTo(NOW);
		});
	}

	@Test
	void whenTheLogFailsTheFailureShouldBeCountedAndNotThrown() {
		this.log.failWith(new IllegalStateException("down"));

		this.recorder.record("g3", "01", BranchOp.ACTION, BranchCallResult.error("timeout", "timed out"), NOW);

		assertThat(this.failures).hasValue(1);
	}

	@Test
	void whenTheLogSaysTheTransactionMovedOnThePassShouldStop() {
		this.log.failWith(new StaleTransactionException("g4", GlobalStatus.SUBMITTED));

		assertThatExceptionOfType(StaleTransactionException.class).isThrownBy(() -> this.recorder.record("g4", "01",
				BranchOp.ACTION, BranchCallResult.error("500", "HTTP 500"), NOW));
		assertThat(this.failures).hasValue(0);
	}

}
