package io.dtm.server.engine;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.List;

import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.store.GlobalTrans;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored values the API would refuse (written by another coordinator, or before the
 * limits existed) must not break the engine: times are clamped, and a pass that still
 * cannot compute a time fails the transaction visibly instead of looping.
 */
class StoredValueRobustnessTests {

	private static final long HUGE = Long.MAX_VALUE;

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenStoredOptionsAreHugeShouldStillRunTheSagaToTheEnd() {
		this.engine.storedSaga("s1", GlobalStatus.SUBMITTED, "",
				new TransOptions(false, HUGE, HUGE, HUGE, null, false, 0, 0), BranchStatus.PREPARED,
				BranchStatus.PREPARED);

		this.engine.drainDue();

		assertThat(this.engine.global("s1").status()).isEqualTo(GlobalStatus.SUCCEED);
		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2");
	}

	@Test
	void whenStoredMsgDelayIsHugeShouldScheduleItAtTheLimitInsteadOfFailingEveryPass() {
		GlobalTrans saga = this.engine.storedSaga("m1", GlobalStatus.SUBMITTED, "{\"delay\":" + HUGE + "}",
				TransOptions.NONE, BranchStatus.PREPARED);
		this.engine.store.put(asMsg(saga), List.of());

		assertThat(this.engine.drainDue()).isEqualTo(1);

		GlobalTrans after = this.engine.global("m1");
		assertThat(after.status()).isEqualTo(GlobalStatus.SUBMITTED);
		assertThat(after.nextCronTime()).isAfter(this.engine.now().plusDays(3600));
		assertThat(this.engine.advance(Duration.ofDays(1))).isZero();
	}

	@Test
	void whenBackOffKeepsDoublingShouldStopAtTheMaximumRetryInterval() {
		Schedule intervals = this.engine.schedule;
		long interval = 10;
		for (int i = 0; i < 100; i++) {
			interval = intervals.backedOff(interval, 10);
		}
		assertThat(interval).isEqualTo(Duration.ofHours(1).toSeconds());
		assertThat(intervals.backedOff(Long.MAX_VALUE, 10)).isEqualTo(3600);
		assertThat(intervals.backedOff(86_400, 86_400)).as("a longer base of its own is kept").isEqualTo(86_400);
	}

	@Test
	void whenAPassCannotComputeATimeShouldFailTheTransactionVisibly() {
		this.engine.storedSaga("p1", GlobalStatus.SUBMITTED, "", TransOptions.NONE, BranchStatus.PREPARED);
		TransProcessor broken = new TransProcessor() {
			@Override
			public TransType type() {
				return TransType.SAGA;
			}

			@Override
			public void process(TransPass pass) {
				throw new DateTimeException("Invalid value for EpochDay");
			}
		};
		TransWorker worker = new TransWorker(this.engine.context, List.of(broken), Runnable::run);

		worker.process(this.engine.global("p1"));

		GlobalTrans after = this.engine.global("p1");
		assertThat(after.status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(after.rollbackReason()).contains("cannot schedule", "EpochDay");
	}

	private static GlobalTrans asMsg(GlobalTrans g) {
		return new GlobalTrans(g.id(), g.gid(), TransType.MSG, g.status(), "http://p/query", g.protocol(),
				g.createTime(), g.updateTime(), null, null, g.options(), g.customData(), g.nextCronInterval(),
				g.nextCronTime(), "", "", "", "");
	}

}
