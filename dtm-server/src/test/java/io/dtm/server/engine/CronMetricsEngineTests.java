package io.dtm.server.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;
import io.dtm.server.cron.CronMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.dtm.server.engine.TransBuilder.saga;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the cron reports of its polls: an idle poll, and for a lease the age and the
 * timeout of the transaction, on the store's clock.
 */
class CronMetricsEngineTests {

	private final EngineHarness engine = new EngineHarness();

	private final List<String> reports = new CopyOnWriteArrayList<>();

	@BeforeEach
	void recordReports() {
		this.engine.cron.setMetrics(new CronMetrics() {

			@Override
			public void polled(PollResult result) {
				CronMetricsEngineTests.this.reports.add(result.name());
			}

			@Override
			public void leased(TransType type, Duration age, Duration timeout) {
				CronMetricsEngineTests.this.reports.add(type.wireValue() + " age " + age + " timeout " + timeout);
			}

		});
	}

	@Test
	void whenNothingIsDueThePollShouldBeReportedIdle() {
		assertThat(this.engine.cron.runOnce()).isFalse();

		assertThat(this.reports).containsExactly("IDLE");
	}

	@Test
	void whenARetriedSagaIsLeasedItsAgeAndTimeoutShouldBeReported() {
		this.engine.invoker.then("/A1", BranchOutcome.ERROR);
		this.engine.submit(saga("m1").steps(1).timeoutToFail(60));
		this.engine.clock.advance(Duration.ofSeconds(20));

		assertThat(this.engine.cron.runOnce()).isTrue();

		assertThat(this.reports).containsExactly("LEASED", "saga age PT20S timeout PT1M");
	}

	@Test
	void whenASagaHasNoTimeoutItsLeaseShouldReportNone() {
		this.engine.invoker.then("/A1", BranchOutcome.ERROR);
		this.engine.submit(saga("m2").steps(1));
		this.engine.clock.advance(Duration.ofSeconds(20));

		assertThat(this.engine.cron.runOnce()).isTrue();

		assertThat(this.reports).containsExactly("LEASED", "saga age PT20S timeout null");
	}

}
