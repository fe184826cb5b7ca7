package io.dtm.server.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the {@link RetentionStore} and the {@link JobLease} of a store;
 * subclasses bind it to the store the coordinator's configuration creates. Other tests
 * share the database, so each test works at its own instant far in the past and looks
 * only at the gids it wrote.
 */
public abstract class AbstractRetentionContractTests {

	private final LocalDateTime cutoff = LocalDateTime.of(2001, 1, 1, 0, 0)
		.plusMinutes(ThreadLocalRandom.current().nextInt(5_000_000));

	private final LocalDateTime old = this.cutoff.minusHours(1);

	/**
	 * The transaction store the retention store deletes from.
	 * @return the store
	 */
	protected abstract TransStore store();

	/**
	 * The branch call log of the same store.
	 * @return the log
	 */
	protected abstract BranchCallLog callLog();

	/**
	 * The retention store under test.
	 * @return the retention store
	 */
	protected abstract RetentionStore retention();

	/**
	 * The leases under test.
	 * @return the leases
	 */
	protected abstract JobLease lease();

	@Test
	void whenTransactionsFinishedBeforeTheCutoffShouldListThemAndNoOthers() {
		String succeeded = finished(GlobalStatus.SUCCEED, this.old);
		String failed = finished(GlobalStatus.FAILED, this.old);
		String unfinished = saved(GlobalStatus.SUBMITTED, this.old.minusDays(30));
		String aborting = saved(GlobalStatus.ABORTING, this.old.minusDays(30));
		String recent = finished(GlobalStatus.SUCCEED, this.cutoff.plusSeconds(1));

		List<String> due = retention().finishedBefore(this.cutoff, 5000);

		assertThat(due).contains(succeeded, failed).doesNotContain(unfinished, aborting, recent);
	}

	@Test
	void whenMoreAreDueThanTheLimitShouldListOnlyTheLimit() {
		for (int i = 0; i < 3; i++) {
			finished(GlobalStatus.SUCCEED, this.old);
		}

		assertThat(retention().finishedBefore(this.cutoff, 2)).hasSize(2);
	}

	@Test
	void whenDeletingShouldRemoveTheTransactionItsBranchesAndItsCallRecordsOnly() {
		String gone = finished(GlobalStatus.FAILED, this.old);
		String kept = saved(GlobalStatus.SUBMITTED, this.old);
		for (String gid : List.of(gone, kept)) {
			callLog().recordFailedCall(gid, "01", BranchOp.ACTION,
					new BranchCallFailure(BranchOutcome.ERROR, "500", "HTTP 500"), this.old);
		}

		int deleted = retention().deleteFinished(List.of(gone), this.cutoff);

		assertThat(deleted).isOne();
		assertThat(store().find(gone)).isEmpty();
		assertThat(store().findBranches(gone)).isEmpty();
		assertThat(callLog().find(gone)).isEmpty();
		assertThat(store().find(kept)).isPresent();
		assertThat(store().findBranches(kept)).hasSize(2);
		assertThat(callLog().find(kept)).hasSize(1);
	}

	@Test
	void whenAGidIsNotFinishedBeforeTheCutoffShouldLeaveIt() {
		String due = finished(GlobalStatus.SUCCEED, this.old);
		String unfinished = saved(GlobalStatus.PREPARED, this.old);
		String recent = finished(GlobalStatus.SUCCEED, this.cutoff.plusMinutes(1));
		String unknown = "r-unknown-" + UUID.randomUUID();

		int deleted = retention().deleteFinished(List.of(due, unfinished, recent, unknown), this.cutoff);

		assertThat(deleted).isOne();
		assertThat(store().find(due)).isEmpty();
		assertThat(store().find(unfinished)).isPresent();
		assertThat(store().findBranches(unfinished)).hasSize(2);
		assertThat(store().find(recent)).isPresent();
		assertThat(store().findBranches(recent)).hasSize(2);
	}

	@Test
	void whenOneInstanceHoldsTheLeaseShouldRefuseAnotherUntilItExpires() {
		String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
		Duration duration = Duration.ofMinutes(1);

		assertThat(lease().acquire(name, "a", this.old, duration)).isTrue();
		assertThat(lease().acquire(name, "b", this.old.plusSeconds(30), duration)).isFalse();
		assertThat(lease().acquire(name, "a", this.old.plusSeconds(50), duration)).as("renewed").isTrue();
		assertThat(lease().acquire(name, "b", this.old.plusSeconds(100), duration)).as("a's renewal holds").isFalse();
		assertThat(lease().acquire(name, "b", this.old.plusSeconds(111), duration)).as("expired").isTrue();
		assertThat(lease().acquire(name, "a", this.old.plusSeconds(112), duration)).isFalse();
	}

	@Test
	void whenTheHolderReleasesTheLeaseShouldLetAnotherTakeIt() {
		String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
		Duration duration = Duration.ofMinutes(10);
		lease().acquire(name, "a", this.old, duration);

		lease().release(name, "b");
		assertThat(lease().acquire(name, "b", this.old, duration)).as("not released by a non-holder").isFalse();
		lease().release(name, "a");

		assertThat(lease().acquire(name, "b", this.old, duration)).isTrue();
	}

	private String finished(GlobalStatus status, LocalDateTime at) {
		GlobalStatus from = (status == GlobalStatus.FAILED) ? GlobalStatus.ABORTING : GlobalStatus.SUBMITTED;
		String gid = saved(from, at.minusSeconds(5));
		assertThat(store().changeStatus(new StatusChange(gid, from, status, null, at))).isTrue();
		return gid;
	}

	private String saved(GlobalStatus status, LocalDateTime at) {
		String gid = "r-" + UUID.randomUUID();
		TransOptions options = new TransOptions(false, 60, 0, 0, Map.of(), false, 0, 0);
		GlobalTrans global = new GlobalTrans(0, gid, TransType.SAGA, status, "", "http", at, at, null, null, options,
				"", 10, at.plusSeconds(10), "", "", "", "");
		byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
		assertThat(
				store()
					.saveNew(global,
							List.of(Branch.newBranch(gid, "http://p/c1", payload, "01", BranchOp.COMPENSATE, at),
									Branch.newBranch(gid, "http://p/a1", payload, "01", BranchOp.ACTION, at))))
			.isTrue();
		return gid;
	}

}
