package io.dtm.server.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.JobLease;
import io.dtm.server.store.RetentionStore;
import io.dtm.server.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's rules on a fixed clock, an in-memory store and lease, and a sleeper that
 * records the pauses instead of sleeping.
 */
class RetentionSweeperTests {

	private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final FinishedRows store = new FinishedRows();

	private final Leases lease = new Leases();

	private final List<Duration> pauses = new ArrayList<>();

	private final DtmServerProperties.Retention properties = new DtmServerProperties.Retention();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RetentionSweeper sweeper = new RetentionSweeper(this.store, this.lease, this.clock, (duration) -> {
		this.pauses.add(duration);
		this.clock.advance(duration);
	}, this.properties, this.meters);

	@Test
	void whenTransactionsFinishedLongerAgoThanTheRetentionShouldDeleteThemInBatches() throws Exception {
		this.properties.setBatchSize(100);
		this.store.add(250, now().minusDays(8));
		this.store.add(40, now().minusDays(6));

		RetentionSweeper.Sweep sweep = this.sweeper.sweep("me");

		assertThat(sweep).isEqualTo(new RetentionSweeper.Sweep(true, 250, 3));
		assertThat(this.store.rows).hasSize(40)
			.allSatisfy((gid, finished) -> assertThat(finished).isAfter(now().minusDays(7)));
		assertThat(this.store.batchSizes).containsExactly(100, 100, 50);
		assertThat(this.pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
		assertThat(this.meters.get("dtm.retention.deleted").counter().count()).isEqualTo(250);
	}

	@Test
	void whenNothingIsDueShouldDeleteNothingAndNotPause() throws Exception {
		this.store.add(10, now().minusDays(1));

		assertThat(this.sweeper.sweep("me")).isEqualTo(new RetentionSweeper.Sweep(true, 0, 0));
		assertThat(this.store.rows).hasSize(10);
		assertThat(this.pauses).isEmpty();
	}

	@Test
	void whenAnotherInstanceHoldsTheLeaseShouldDeleteNothing() throws Exception {
		this.store.add(10, now().minusDays(30));
		this.lease.acquire(RetentionSweeper.LEASE, "other", now(), Duration.ofMinutes(2));

		assertThat(this.sweeper.sweep("me")).isEqualTo(new RetentionSweeper.Sweep(false, 0, 0));
		assertThat(this.store.rows).hasSize(10);
	}

	@Test
	void whenTheHoldersLeaseHasExpiredShouldTakeItOver() throws Exception {
		this.store.add(10, now().minusDays(30));
		this.lease.acquire(RetentionSweeper.LEASE, "dead", now(), Duration.ofMinutes(2));
		this.clock.advance(Duration.ofMinutes(3));

		assertThat(this.sweeper.sweep("me").deleted()).isEqualTo(10);
		assertThat(this.lease.owner).isEqualTo("me");
	}

	@Test
	void whenTheLeaseIsLostBetweenBatchesShouldStop() throws Exception {
		this.properties.setBatchSize(10);
		this.properties.setBatchPause(Duration.ofSeconds(30));
		this.store.add(30, now().minusDays(30));
		this.lease.onAcquire = () -> {
			if (this.store.batchSizes.size() == 1) {
				this.lease.owner = "thief";
			}
		};

		RetentionSweeper.Sweep sweep = this.sweeper.sweep("me");

		assertThat(sweep).isEqualTo(new RetentionSweeper.Sweep(false, 10, 1));
		assertThat(this.store.rows).hasSize(20);
	}

	@Test
	void whenTheRetentionIsZeroShouldKeepEverythingAndNotTakeTheLease() throws Exception {
		this.properties.setFinished(Duration.ZERO);
		this.store.add(10, now().minusDays(3650));

		assertThat(this.sweeper.sweep("me").deleted()).isZero();
		assertThat(this.store.rows).hasSize(10);
		assertThat(this.lease.owner).isNull();
	}

	@Test
	void whenTheRetentionIsShortShouldCountFromTheSweepsStart() throws Exception {
		this.properties.setFinished(Duration.ofHours(1));
		this.store.add(1, now().minusMinutes(61));
		this.store.add(1, now().minusMinutes(59));

		assertThat(this.sweeper.sweep("me").deleted()).isOne();
		assertThat(this.store.rows).hasSize(1);
	}

	private LocalDateTime now() {
		return LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/** Finished transactions by the time they finished. */
	private static final class FinishedRows implements RetentionStore {

		private final Map<String, LocalDateTime> rows = new LinkedHashMap<>();

		private final List<Integer> batchSizes = new ArrayList<>();

		void add(int count, LocalDateTime finished) {
			for (int i = 0; i < count; i++) {
				this.rows.put("g" + this.rows.size() + "-" + finished, finished);
			}
		}

		@Override
		public List<String> finishedBefore(LocalDateTime cutoff, int limit) {
			return this.rows.entrySet()
				.stream()
				.filter((row) -> row.getValue().isBefore(cutoff))
				.limit(limit)
				.map(Map.Entry::getKey)
				.toList();
		}

		@Override
		public int deleteFinished(List<String> gids, LocalDateTime cutoff) {
			int deleted = 0;
			for (String gid : gids) {
				LocalDateTime finished = this.rows.get(gid);
				if (finished != null && finished.isBefore(cutoff)) {
					this.rows.remove(gid);
					deleted++;
				}
			}
			this.batchSizes.add(deleted);
			return deleted;
		}

	}

	/** One lease, as the SQL table keeps it. */
	private static final class Leases implements JobLease {

		private String owner;

		private LocalDateTime expires;

		private Runnable onAcquire = () -> {
		};

		@Override
		public boolean acquire(String name, String owner, LocalDateTime now, Duration duration) {
			this.onAcquire.run();
			if (this.owner == null || this.owner.equals(owner) || this.expires.isBefore(now)) {
				this.owner = owner;
				this.expires = now.plus(duration);
				return true;
			}
			return false;
		}

		@Override
		public void release(String name, String owner) {
			if (owner.equals(this.owner)) {
				this.owner = null;
			}
		}

	}

}
