package io.dtm.server.store;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link BranchCallLog} must meet; subclasses bind it to a store.
 */
public abstract class AbstractBranchCallLogContractTests {

	private final LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

	/**
	 * The log under test.
	 * @return the log
	 */
	protected abstract BranchCallLog log();

	@Test
	void recordWhenFirstFailureShouldKeepOneCallWithItsOutcomeCodeMessageAndTime() {
		String gid = gid();
		log().recordFailedCall(gid, "01", BranchOp.ACTION,
				new BranchCallFailure(BranchOutcome.ERROR, "500", "HTTP 500 {\"message\":\"boom\"}"), this.now);

		assertThat(log().find(gid)).singleElement()
			.isEqualTo(new BranchCallRecord(gid, "01", BranchOp.ACTION, 1, BranchOutcome.ERROR, "500",
					"HTTP 500 {\"message\":\"boom\"}", this.now));
	}

	@Test
	void recordWhenCalledAgainShouldCountAndKeepOnlyTheLastFailure() {
		String gid = gid();
		log().recordFailedCall(gid, "01", BranchOp.ACTION,
				new BranchCallFailure(BranchOutcome.ERROR, "connection refused", "connection refused"), this.now);
		log().recordFailedCall(gid, "01", BranchOp.ACTION,
				new BranchCallFailure(BranchOutcome.ONGOING, "425", "HTTP 425 {\"dtm_result\":\"ONGOING\"}"),
				this.now.plusSeconds(5));

		assertThat(log().find(gid)).singleElement()
			.isEqualTo(new BranchCallRecord(gid, "01", BranchOp.ACTION, 2, BranchOutcome.ONGOING, "425",
					"HTTP 425 {\"dtm_result\":\"ONGOING\"}", this.now.plusSeconds(5)));
	}

	@Test
	void recordWhenManyThreadsRecordTheSameBranchShouldCountEveryCall() throws Exception {
		String gid = gid();
		int threads = 8;
		int perThread = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				done.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						log().recordFailedCall(gid, "01", BranchOp.COMPENSATE,
								new BranchCallFailure(BranchOutcome.ERROR, "500", "thread " + thread + " call " + i),
								this.now);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		log().recordFailedCall(gid, "01", BranchOp.COMPENSATE,
				new BranchCallFailure(BranchOutcome.FAILURE, "409", "the last one"), this.now.plusSeconds(1));

		assertThat(log().find(gid)).singleElement().satisfies((record) -> {
			assertThat(record.failedCalls()).isEqualTo(threads * perThread + 1);
			assertThat(record.lastOutcome()).isEqualTo(BranchOutcome.FAILURE);
			assertThat(record.lastCode()).isEqualTo("409");
			assertThat(record.lastError()).isEqualTo("the last one");
			assertThat(record.lastTime()).isEqualTo(this.now.plusSeconds(1));
		});
	}

	@Test
	void findShouldReturnEveryOperationOfTheGidByBranchIdThenOpAndNoOtherGid() {
		String gid = gid();
		String other = gid();
		BranchCallFailure failure = new BranchCallFailure(BranchOutcome.ERROR, "timeout", "timed out after 3000 ms");
		log().recordFailedCall(gid, "02", BranchOp.ACTION, failure, this.now);
		log().recordFailedCall(gid, "01", BranchOp.COMPENSATE, failure, this.now);
		log().recordFailedCall(gid, "01", BranchOp.ACTION, failure, this.now);
		log().recordFailedCall(gid, "00", BranchOp.MSG, failure, this.now);
		log().recordFailedCall(other, "01", BranchOp.ACTION, failure, this.now);

		assertThat(log().find(gid)).extracting((record) -> record.branchId() + "|" + record.op().wireValue())
			.containsExactly("00|msg", "01|action", "01|compensate", "02|action");
		assertThat(log().find(gid)).allSatisfy((record) -> assertThat(record.gid()).isEqualTo(gid));
		assertThat(log().find(other)).hasSize(1);
	}

	@Test
	void findWhenGidsDifferOnlyInCaseShouldKeepThemApart() {
		String suffix = UUID.randomUUID().toString();
		BranchCallFailure failure = new BranchCallFailure(BranchOutcome.ERROR, "500", "boom");
		log().recordFailedCall("CaseGid-" + suffix, "01", BranchOp.ACTION, failure, this.now);
		log().recordFailedCall("casegid-" + suffix, "01", BranchOp.ACTION, failure, this.now);
		log().recordFailedCall("casegid-" + suffix, "01", BranchOp.ACTION, failure, this.now);

		assertThat(log().find("CaseGid-" + suffix)).singleElement()
			.satisfies((record) -> assertThat(record.failedCalls()).isOne());
		assertThat(log().find("casegid-" + suffix)).singleElement()
			.satisfies((record) -> assertThat(record.failedCalls()).isEqualTo(2));
	}

	@Test
	void findWhenNothingWasRecordedShouldBeEmpty() {
		assertThat(log().find(gid())).isEmpty();
	}

	@Test
	void recordWhenMessageIsAtTheLimitShouldKeepItWhole() {
		String gid = gid();
		String message = "\u00e9\u20ac".repeat(BranchCallFailure.MAX_MESSAGE / 2);
		String code = "c".repeat(BranchCallFailure.MAX_CODE);
		log().recordFailedCall(gid, "00", BranchOp.WORKFLOW, new BranchCallFailure(BranchOutcome.ERROR, code, message),
				this.now);

		assertThat(log().find(gid)).singleElement().satisfies((record) -> {
			assertThat(record.lastError()).isEqualTo(message);
			assertThat(record.lastCode()).isEqualTo(code);
			assertThat(record.op()).isEqualTo(BranchOp.WORKFLOW);
		});
	}

	@Test
	void deleteForShouldRemoveTheRecordsOfTheGivenGidsOnly() {
		String first = gid();
		String second = gid();
		String kept = gid();
		BranchCallFailure failure = new BranchCallFailure(BranchOutcome.FAILURE, "409", "no");
		log().recordFailedCall(first, "01", BranchOp.ACTION, failure, this.now);
		log().recordFailedCall(first, "01", BranchOp.COMPENSATE, failure, this.now);
		log().recordFailedCall(second, "00", BranchOp.MSG, failure, this.now);
		log().recordFailedCall(kept, "01", BranchOp.ACTION, failure, this.now);

		assertThat(log().deleteFor(List.of(first, second, gid()))).isEqualTo(3);

		assertThat(log().find(first)).isEmpty();
		assertThat(log().find(second)).isEmpty();
		assertThat(log().find(kept)).hasSize(1);
		assertThat(log().deleteFor(List.of())).isZero();
	}

	private static String gid() {
		return "call-" + UUID.randomUUID();
	}

}
