package io.dtm.server.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.testsupport.InMemoryTransStore;
import io.dtm.server.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dtm_cron_overdue_transactions} on a fixed clock and the in-memory store.
 */
class OverdueSamplerTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

	private final InMemoryTransStore store = new InMemoryTransStore();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final OverdueSampler sampler = new OverdueSampler(this.store, this.clock, Duration.ofMinutes(1),
			Duration.ofSeconds(30), this.registry);

	@Test
	void whenNothingWasCountedYetShouldReportNaN() {
		assertThat(overdue()).isNaN();
	}

	@Test
	void whenUnfinishedTransactionsAreDuePastTheOverdueTimeShouldCountOnlyThose() {
		save("late-1", GlobalStatus.SUBMITTED, now().minusMinutes(5));
		save("late-2", GlobalStatus.ABORTING, now().minusMinutes(2));
		save("just-due", GlobalStatus.SUBMITTED, now().minusSeconds(30));
		save("later", GlobalStatus.PREPARED, now().plusMinutes(1));
		save("done", GlobalStatus.SUCCEED, now().minusHours(1));

		this.sampler.sample();

		assertThat(overdue()).isEqualTo(2);
	}

	@Test
	void whenTheStoreCannotCountShouldReportNaNUntilItCanAgain() {
		save("late", GlobalStatus.SUBMITTED, now().minusMinutes(5));
		this.sampler.sample();
		this.store.failWhen("countDue"::equals);

		this.sampler.sample();
		assertThat(overdue()).isNaN();

		this.store.failWhen((operation) -> false);
		this.sampler.sample();
		assertThat(overdue()).isOne();
	}

	private double overdue() {
		return this.registry.get("dtm.cron.overdue").gauge().value();
	}

	private LocalDateTime now() {
		return LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private void save(String gid, GlobalStatus status, LocalDateTime nextCronTime) {
		TransOptions options = new TransOptions(false, 60, 0, 0, Map.of(), false, 0, 0);
		this.store.saveNew(new GlobalTrans(0, gid, TransType.SAGA, status, "", "http", now().minusHours(2),
				now().minusHours(2), null, null, options, "", 10, nextCronTime, "", "", "", ""), List.of());
	}

}
