package io.dtm.server.engine;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.server.cron.TransCron;
import io.dtm.server.instance.InstanceIdentity;
import io.dtm.server.store.InstanceRecord;
import org.junit.jupiter.api.Test;

import static io.dtm.server.engine.TransBuilder.saga;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several coordinator instances share one store: the cron's lease keeps a transaction
 * with one of them, a long pass renews it, and a pass that finds the status changed by
 * someone else stops without undoing it.
 */
class LeaseEngineTests {

	private final EngineHarness engine = new EngineHarness();

	/** A second instance: its own worker and cron over the same store and clock. */
	private final TransCron otherCron = new TransCron(this.engine.store,
			new TransWorker(this.engine.context,
					List.of(new SagaProcessor(new com.fasterxml.jackson.databind.ObjectMapper())), Runnable::run),
			this.engine.schedule, this.engine.properties.getCron());

	@Test
	void whenACronLeasesATransactionNoOtherCronShouldGetItBeforeTheLeaseEnds() {
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);
		this.engine.submit(saga("l1").steps(1));
		this.engine.clock.advance(Duration.ofSeconds(20));

		assertThat(this.engine.store.leaseDue(this.engine.now(), this.engine.schedule.lease(), "instance-a"))
			.hasValueSatisfying((leased) -> assertThat(leased.gid()).isEqualTo("l1"));
		assertThat(this.engine.global("l1").nextCronTime()).isEqualTo(this.engine.now().plusSeconds(10));
		this.engine.clock.advance(Duration.ofSeconds(9));
		assertThat(this.otherCron.runOnce()).isFalse();
		this.engine.clock.advance(Duration.ofSeconds(1));
		assertThat(this.otherCron.runOnce()).as("the lease ran out: instance a died").isTrue();
	}

	@Test
	void whenACronLeasesItShouldStampAFreshOwnerTokenOfItsInstance() {
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);
		this.engine.submit(saga("l4").steps(1));
		this.engine.submit(saga("l5").steps(1));
		this.engine.clock.advance(Duration.ofSeconds(20));
		InstanceIdentity identity = new InstanceIdentity("node-b", 36789, "1");
		this.otherCron.setLeaseOwners(identity::leaseOwner);

		assertThat(this.otherCron.runOnce()).isTrue();
		assertThat(this.otherCron.runOnce()).isTrue();

		String first = this.engine.global("l4").owner();
		String second = this.engine.global("l5").owner();
		assertThat(first).startsWith("node-b:36789/").isNotEqualTo(second);
		assertThat(InstanceRecord.instanceOf(second)).contains("node-b:36789");
	}

	@Test
	void whenAPassTakesLongItShouldPushItsLeaseAheadAfterRecordedProgress() {
		this.engine.invoker.slow("/A1", Duration.ofSeconds(1))
			.slow("/A2", Duration.ofSeconds(1))
			.slow("/A3", Duration.ofSeconds(1))
			.slow("/A4", Duration.ofSeconds(1));
		List<LocalDateTime> leaseEnds = new ArrayList<>();
		this.engine.invoker.onCall(() -> leaseEnds.add(this.engine.global("l2").nextCronTime()));

		this.engine.submit(saga("l2").steps(4).retryInterval(5));

		LocalDateTime t0 = EngineHarness.T0;
		assertThat(leaseEnds).as("lease end seen during each call")
			.containsExactly(t0.plusSeconds(5), t0.plusSeconds(5), t0.plusSeconds(2 + 10), t0.plusSeconds(2 + 10));
		assertThat(this.engine.global("l2").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

	@Test
	void whenForceStoppedDuringAPassThePassShouldStopAndLeaveTheStatusAlone() {
		this.engine.invoker.onCall(() -> {
			if (this.engine.invoker.count("/A2") == 1 && !this.engine.global("l3").status().isFinished()) {
				this.engine.coordinator.forceStop("l3");
			}
		});

		this.engine.submit(saga("l3").steps(3));
		this.engine.advance(Duration.ofHours(1));

		assertThat(this.engine.invoker.paths()).containsExactly("/A1", "/A2");
		assertThat(this.engine.statusPath("l3")).containsExactly(GlobalStatus.SUBMITTED, GlobalStatus.FAILED);
		assertThat(this.engine.global("l3").rollbackReason()).as("forceStop stores no reason, as dtm").isNull();
		assertThat(this.engine.branchStates("l3")).contains("02 action prepared");
	}

	@Test
	void whenTwoInstancesRaceOnOneTransactionOnlyOneShouldChangeItsStatus() {
		this.engine.invoker.then("/A1", BranchOutcome.ERROR);
		this.engine.submit(saga("l4").steps(1));
		this.engine.clock.advance(Duration.ofSeconds(20));
		this.engine.invoker.onCall(() -> {
			if (this.engine.transitions.isEmpty()) {
				this.otherCron.runOnce();
			}
		});
		this.engine.store.resetNextCronTime("l4", this.engine.now());

		this.engine.worker.process(this.engine.global("l4"));

		assertThat(this.engine.transitions).extracting(TransitionEvent::to).containsExactly(GlobalStatus.SUCCEED);
		assertThat(this.engine.global("l4").status()).isEqualTo(GlobalStatus.SUCCEED);
	}

}
