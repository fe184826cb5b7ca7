package io.dtm.server.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import org.junit.jupiter.api.Test;

import static io.dtm.server.engine.TransBuilder.msg;
import static io.dtm.server.engine.TransBuilder.saga;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the engine raises a retry alert, with the harness's clock and the default 10 s
 * base interval: back-offs go 20, 40, 80, 160 s (retry counts 1, 2, 3, 4), and the alert
 * limit is dtm's default of 3.
 */
class RetryAlertEngineTests {

	private final EngineHarness engine = new EngineHarness();

	private final List<RetryAlert> alerts = new CopyOnWriteArrayList<>();

	private void alertAt(long limit, boolean everyRetry) {
		this.engine.worker.setRetryAlerts(new RetryAlerts(this.alerts::add, limit, everyRetry));
	}

	@Test
	void whenTheThirdBackOffIsReachedShouldAlertOnceWithTheFailingCall() {
		alertAt(3, false);
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);

		this.engine.submit(saga("a1").steps(2));
		this.engine.advance(Duration.ofSeconds(20));
		assertThat(this.alerts).as("retry counts 1 and 2 stay below the limit").isEmpty();
		this.engine.advance(Duration.ofSeconds(40));

		assertThat(this.engine.global("a1").nextCronInterval()).isEqualTo(80);
		assertThat(this.alerts).singleElement().satisfies((alert) -> {
			assertThat(alert.gid()).isEqualTo("a1");
			assertThat(alert.status()).isEqualTo(GlobalStatus.SUBMITTED);
			assertThat(alert.branch()).isEqualTo("http://p/A1");
			assertThat(alert.error()).isEqualTo("action 01 http://p/A1: /A1 answered ERROR");
			assertThat(alert.retryCount()).isEqualTo(3);
		});
		this.engine.advance(Duration.ofSeconds(80));
		this.engine.advance(Duration.ofSeconds(160));
		assertThat(this.engine.invoker.count("/A1")).isEqualTo(5);
		assertThat(this.alerts).as("later back-offs of the same run of failures").hasSize(1);
	}

	@Test
	void whenTheIntervalWasResetAFreshRunOfFailuresShouldAlertAgain() {
		alertAt(3, false);
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);
		this.engine.submit(saga("a2").steps(1));
		this.engine.advance(Duration.ofSeconds(20));
		this.engine.advance(Duration.ofSeconds(40));
		assertThat(this.alerts).hasSize(1);

		// what a pass without faults stores: the base interval (Schedule.afterPass)
		this.engine.store.touchCronTime("a2", GlobalStatus.SUBMITTED, 10, this.engine.now(), this.engine.now());
		this.engine.drainDue();
		this.engine.advance(Duration.ofSeconds(20));
		assertThat(this.alerts).as("retry counts 1 and 2 of the new run").hasSize(1);
		this.engine.advance(Duration.ofSeconds(40));

		assertThat(this.alerts).extracting(RetryAlert::retryCount).containsExactly(3L, 3L);
	}

	@Test
	void whenABranchAnswersOngoingThosePassesShouldNotCountTowardsTheLimit() {
		alertAt(3, false);
		this.engine.invoker.then("/A1", BranchOutcome.ERROR, BranchOutcome.ERROR, BranchOutcome.ONGOING,
				BranchOutcome.ONGOING, BranchOutcome.ERROR);

		this.engine.submit(saga("a3").steps(1));
		this.engine.advance(Duration.ofSeconds(20));
		this.engine.advance(Duration.ofSeconds(40));
		this.engine.advance(Duration.ofSeconds(40));
		assertThat(this.engine.invoker.count("/A1")).isEqualTo(4);
		assertThat(this.alerts).as("two ERRORs and two ONGOINGs").isEmpty();
		this.engine.advance(Duration.ofSeconds(40));

		assertThat(this.alerts).extracting(RetryAlert::retryCount).containsExactly(3L);
	}

	@Test
	void whenEveryRetryIsOnEachBackOffAtOrAboveTheLimitShouldAlert() {
		alertAt(3, true);
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);

		this.engine.submit(saga("a4").steps(1));
		for (long interval = 20; interval <= 160; interval *= 2) {
			this.engine.advance(Duration.ofSeconds(interval));
		}

		assertThat(this.engine.invoker.count("/A1")).isEqualTo(5);
		assertThat(this.alerts).extracting(RetryAlert::retryCount).containsExactly(3L, 4L, 5L);
	}

	@Test
	void whenTheCheckBackOfAPreparedMsgKeepsFailingTheAlertShouldNameTheQueryUrl() {
		alertAt(1, false);
		this.engine.invoker.always("/Q", BranchOutcome.ERROR);
		this.engine.prepare(msg("a5").steps(1));

		this.engine.advance(Duration.ofSeconds(35));
		this.engine.advance(Duration.ofSeconds(20));

		assertThat(this.engine.invoker.count("/Q")).isEqualTo(2);
		assertThat(this.alerts).singleElement().satisfies((alert) -> {
			assertThat(alert.status()).isEqualTo(GlobalStatus.PREPARED);
			assertThat(alert.branch()).isEqualTo("http://p/Q");
			assertThat(alert.retryCount()).isEqualTo(1);
		});
	}

	@Test
	void whenTheBackOffIsCappedBelowTheLimitTheCountShouldNotReachIt() {
		this.engine.properties.setMaxRetryInterval(Duration.ofSeconds(40));
		alertAt(3, false);
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);

		this.engine.submit(saga("a6").steps(1));
		for (int pass = 0; pass < 5; pass++) {
			this.engine.advance(Duration.ofSeconds(40));
		}

		assertThat(this.engine.invoker.count("/A1")).isEqualTo(6);
		assertThat(this.alerts).as("40 s is 2 back-offs of 10 s: the count stops at 2").isEmpty();
	}

	@Test
	void whenTheSenderThrowsThePassShouldEndAsItsBranchesDecided() {
		this.engine.worker.setRetryAlerts(new RetryAlerts((alert) -> {
			throw new IllegalStateException("sender broken");
		}, 1, false));
		this.engine.invoker.always("/A1", BranchOutcome.ERROR);
		this.engine.storedSaga("a7", GlobalStatus.SUBMITTED, "", TransOptions.NONE, BranchStatus.PREPARED);

		TransWorker.PassOutcome outcome = this.engine.worker.process(this.engine.global("a7")).orElseThrow();

		assertThat(outcome.lastError()).isEqualTo("action 01 http://p/A1: /A1 answered ERROR");
		assertThat(this.engine.global("a7").nextCronInterval()).isEqualTo(20);
	}

}
