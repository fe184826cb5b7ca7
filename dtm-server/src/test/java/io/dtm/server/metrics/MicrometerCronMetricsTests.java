package io.dtm.server.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.dtm.core.TransType;
import io.dtm.server.cron.CronMetrics.PollResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerCronMetrics}.
 */
class MicrometerCronMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicLong nanos = new AtomicLong();

	private final MicrometerCronMetrics metrics = new MicrometerCronMetrics(this.registry, this.nanos::get);

	@Test
	void whenTheCronDoesNotRunThePollAgeShouldBeNaN() {
		assertThat(this.registry.get("dtm.cron.poll.age").gauge().value()).isNaN();
		assertThat(this.registry.get("dtm.cron.polls").tag("result", "leased").counter().count()).isZero();
	}

	@Test
	void whenPollsFailThePollAgeShouldGrowUntilOneSucceeds() {
		this.metrics.started();
		this.nanos.addAndGet(Duration.ofSeconds(5).toNanos());
		this.metrics.polled(PollResult.FAILED);
		this.nanos.addAndGet(Duration.ofSeconds(5).toNanos());

		assertThat(this.registry.get("dtm.cron.poll.age").gauge().value()).isEqualTo(10.0);
		this.metrics.polled(PollResult.IDLE);
		assertThat(this.registry.get("dtm.cron.poll.age").gauge().value()).isZero();
		assertThat(this.registry.get("dtm.cron.polls").tag("result", "failed").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("dtm.cron.polls").tag("result", "idle").counter().count()).isEqualTo(1);
	}

	@Test
	void whenATransactionIsLeasedItsAgeAndTimeoutRatioShouldBeRecorded() {
		this.metrics.leased(TransType.TCC, Duration.ofSeconds(70), Duration.ofSeconds(35));
		this.metrics.leased(TransType.SAGA, Duration.ofSeconds(5), null);

		assertThat(this.registry.get("dtm.cron.leased.age").tag("model", "tcc").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("dtm.cron.leased.age").tag("model", "saga").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("dtm.cron.leased.timeout.ratio").tag("model", "tcc").summary().max())
			.isEqualTo(2.0);
		assertThat(this.registry.find("dtm.cron.leased.timeout.ratio").tag("model", "saga").summary()).isNull();
	}

}
