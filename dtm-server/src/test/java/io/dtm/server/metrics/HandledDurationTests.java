package io.dtm.server.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.dtm.core.TransRequest;
import io.dtm.server.engine.EngineHarness;
import io.dtm.server.engine.TransBuilder;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dtm_transaction_handled_duration} counts every transaction that reaches a final
 * status, whoever made the change: a pass, an {@code abort} of a prepared msg, a
 * {@code forceStop}.
 */
class HandledDurationTests {

	private final EngineHarness engine = new EngineHarness();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	HandledDurationTests() {
		this.engine.listeners.add(new MicrometerEngineMetrics(this.registry, false));
	}

	@Test
	void whenAPreparedMsgIsAbortedItShouldBeMeasured() {
		this.engine.prepare(TransBuilder.msg("a1").steps(1));
		this.engine.clock.advance(Duration.ofSeconds(3));

		this.engine.coordinator.abort(new TransRequest("a1", "msg", null, null, null, null, null, false, 0, 0, 0, null,
				false, 0, 0, null, null));

		Timer timer = this.registry.get("dtm.transaction.handled.duration").tag("model", "msg").timer();
		assertThat(timer.count()).isEqualTo(1);
		assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
	}

	@Test
	void whenATransactionIsForceStoppedItShouldBeMeasured() {
		this.engine.invoker.always("/A1", io.dtm.core.BranchOutcome.ERROR);
		this.engine.submit(TransBuilder.saga("f1").steps(1));
		this.engine.clock.advance(Duration.ofSeconds(7));

		this.engine.coordinator.forceStop("f1");

		Timer timer = this.registry.get("dtm.transaction.handled.duration").tag("model", "saga").timer();
		assertThat(timer.count()).isEqualTo(1);
		assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(7.0);
	}

	@Test
	void whenATransactionPassesSeveralStatusesOnlyTheFinalOneShouldBeMeasured() {
		this.engine.prepare(TransBuilder.tcc("t1"));

		this.engine.submit(TransBuilder.tcc("t1").steps(0));

		assertThat(this.engine.transitions).hasSize(2);
		assertThat(this.registry.get("dtm.transaction.handled.duration").timer().count()).isEqualTo(1);
		assertThat(this.registry.find("dtm.transaction.handled.duration").timers()).hasSize(1);
	}

}
