package io.dtm.server.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.GlobalTrans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timing rules in {@link Schedule}, case by case, on a fixed clock (defaults: retry
 * interval 10 s, maximum retry interval 1 h, timeout of tcc/xa/msg 35 s, lease 10 s).
 */
class ScheduleTests {

	private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 8, 0, 0);

	private static final Clock CLOCK = Clock.fixed(NOW.plusNanos(750_000_000).toInstant(ZoneOffset.UTC),
			ZoneOffset.UTC);

	private final DtmServerProperties properties = new DtmServerProperties();

	private final Schedule schedule = new Schedule(this.properties, CLOCK);

	@Test
	void whenAskedForNowShouldAnswerWholeSecondsAsStored() {
		assertThat(this.schedule.now()).isEqualTo(NOW);
		assertThat(this.schedule.preciseNow()).isEqualTo(NOW.plusNanos(750_000_000));
	}

	@ParameterizedTest(name = "retry_interval={0} timeout_to_fail={1} -> base {2} s")
	@CsvSource({ "0, 0, 10", "30, 0, 30", "0, 4, 4", "0, 60, 10", "7, 4, 7", "999999999999, 0, 315360000" })
	void whenOptionsVaryTheBaseIntervalShouldFollowDtm(long retryInterval, long timeoutToFail, long expected) {
		assertThat(this.schedule.baseIntervalSeconds(options(retryInterval, timeoutToFail))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "current {0} s, outcome {1} -> {2} s")
	@CsvSource({ "10, ERROR, 20", "20, ERROR, 40", "10, FAILURE, 20", "2400, ERROR, 3600", "3600, ERROR, 3600",
			"40, ONGOING, 40", "40, SUCCESS, 10", "0, ERROR, 20", "0, ONGOING, 10" })
	void whenAPassEndsUnfinishedTheNextRunShouldDependOnItsWorstOutcome(long current, BranchOutcome worst,
			long expected) {
		Schedule.NextRun next = this.schedule.afterPass(trans(current, TransOptions.NONE), worst, null);
		assertThat(next.intervalSeconds()).isEqualTo(expected);
		assertThat(next.at()).isEqualTo(NOW.plusSeconds(expected));
		assertThat(next.now()).isEqualTo(NOW);
	}

	@ParameterizedTest(name = "interval {0} s, retry_interval {1} -> retry count {2}")
	@CsvSource({ "10, 0, 0", "0, 0, 0", "5, 0, 0", "20, 0, 1", "40, 0, 2", "79, 0, 2", "80, 0, 3", "3600, 0, 8",
			"120, 30, 2" })
	void whenAnIntervalIsCountedItShouldBeTheBackOffsAboveTheBaseAsDtmCounts(long interval, long retryInterval,
			long expected) {
		GlobalTrans trans = trans(interval, options(retryInterval, 0));
		assertThat(this.schedule.retryCount(trans, this.schedule.currentIntervalSeconds(trans))).isEqualTo(expected);
	}

	@Test
	void whenNothingWasCalledAndAPassAskedForATimeThatTimeShouldWin() {
		LocalDateTime deliverAt = NOW.plusSeconds(25);
		Schedule.NextRun next = this.schedule.afterPass(trans(40, TransOptions.NONE), null, deliverAt);
		assertThat(next.at()).isEqualTo(deliverAt);
		assertThat(next.intervalSeconds()).as("nothing failed: the interval resets").isEqualTo(10);
	}

	@Test
	void whenABranchWasCalledTheRequestedTimeShouldNotDelayTheRetry() {
		Schedule.NextRun next = this.schedule.afterPass(trans(10, TransOptions.NONE), BranchOutcome.ERROR,
				NOW.plusSeconds(300));
		assertThat(next.at()).isEqualTo(NOW.plusSeconds(20));
	}

	@Test
	void whenTheTransactionHasALongerBaseOfItsOwnTheBackOffShouldKeepIt() {
		TransOptions daily = options(86_400, 0);
		assertThat(this.schedule.afterPass(trans(86_400, daily), BranchOutcome.ERROR, null).intervalSeconds())
			.isEqualTo(86_400);
	}

	@Test
	void whenAPassBreaksOffTheRetryShouldBackOffFromTheLongerOfBaseAndCurrent() {
		assertThat(this.schedule.afterPassError(trans(0, TransOptions.NONE)).intervalSeconds()).isEqualTo(20);
		assertThat(this.schedule.afterPassError(trans(80, TransOptions.NONE)).at()).isEqualTo(NOW.plusSeconds(160));
	}

	@Test
	void whenTheStoreFailedTheRetryShouldUseTheBaseIntervalWithoutDoubling() {
		Schedule.NextRun next = this.schedule.afterStoreFailure(trans(640, TransOptions.NONE));
		assertThat(next.intervalSeconds()).isEqualTo(10);
		assertThat(next.at()).isEqualTo(NOW.plusSeconds(10));
	}

	@Test
	void whenALongPassRenewsItsLeaseItShouldReachOneLeaseAhead() {
		assertThat(this.schedule.lease()).isEqualTo(Duration.ofSeconds(10));
		Schedule.NextRun renewed = this.schedule.renewedLease(trans(40, TransOptions.NONE));
		assertThat(renewed.at()).isEqualTo(NOW.plusSeconds(10));
		assertThat(renewed.intervalSeconds()).isEqualTo(10);
		assertThat(this.schedule.renewedLease(trans(40, options(60, 0))).at())
			.as("a base interval longer than the lease")
			.isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void whenLeaseWasRenewedRecentlyItShouldNotBeRenewedAgainBeforeThePeriod() {
		long now = CLOCK.millis();
		assertThat(this.schedule.leaseRenewalDue(now - 1499)).isFalse();
		assertThat(this.schedule.leaseRenewalDue(now - 1500)).isTrue();
	}

	@Test
	void whenModesDifferTheTimeoutShouldFollowDtm() {
		assertThat(this.schedule.timeoutAt(trans(TransType.SAGA, options(0, 0)))).as("a saga never times out").isNull();
		assertThat(this.schedule.timeoutAt(trans(TransType.SAGA, options(0, 30)))).isEqualTo(NOW.plusSeconds(30));
		assertThat(this.schedule.timeoutAt(trans(TransType.TCC, options(0, 0)))).isEqualTo(NOW.plusSeconds(35));
		assertThat(this.schedule.timeoutAt(trans(TransType.MSG, options(0, 0)))).isEqualTo(NOW.plusSeconds(35));
		assertThat(this.schedule.isTimedOut(trans(TransType.XA, options(0, 1)))).isFalse();
		assertThat(this.schedule.isTimedOut(trans(TransType.XA, options(0, 1)), NOW.plusSeconds(1))).isTrue();
	}

	@Test
	void whenAMsgAsksForADelayItShouldBeDeliveredThatLongAfterItsCreationSecond() {
		GlobalTrans msg = trans(TransType.MSG, TransOptions.NONE);
		assertThat(this.schedule.deliverAt(msg, 30)).isEqualTo(NOW.plusSeconds(30));
		assertThat(this.schedule.deliverAt(msg, -5)).isEqualTo(NOW);
		assertThat(this.schedule.deliverAt(msg, Long.MAX_VALUE)).isEqualTo(NOW.plusDays(3650));
	}

	@Test
	void whenASagaActionIsReRunInAPassTheDelaysShouldDoubleUpToTheMaximum() {
		assertThat(this.schedule.inPassRetryDelay(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(this.schedule.inPassRetryDelay(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.schedule.inPassRetryDelay(5)).isEqualTo(Duration.ofMillis(1600));
		assertThat(this.schedule.inPassRetryDelay(6)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.schedule.inPassRetryDelay(1000)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.schedule.inPassRetryBudget()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void whenABranchTimeoutIsAskedItShouldBeClampedToTheMaximum() {
		assertThat(this.schedule.requestTimeout(TransOptions.NONE)).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.schedule.requestTimeout(new TransOptions(false, 0, 20, 0, null, false, 0, 0)))
			.isEqualTo(Duration.ofSeconds(20));
		assertThat(this.schedule.requestTimeout(new TransOptions(false, 0, 999_999, 0, null, false, 0, 0)))
			.isEqualTo(Duration.ofHours(1));
	}

	private static TransOptions options(long retryInterval, long timeoutToFail) {
		return new TransOptions(false, timeoutToFail, 0, retryInterval, null, false, 0, 0);
	}

	private static GlobalTrans trans(long currentInterval, TransOptions options) {
		return new GlobalTrans(1, "g", TransType.SAGA, GlobalStatus.SUBMITTED, "", "http", NOW, NOW, null, null,
				options, "", currentInterval, NOW, "", "", "", "");
	}

	private static GlobalTrans trans(TransType type, TransOptions options) {
		return new GlobalTrans(1, "g", type, GlobalStatus.PREPARED, "", "http", NOW.plusNanos(400_000_000), NOW, null,
				null, options, "", 10, NOW, "", "", "", "");
	}

}
