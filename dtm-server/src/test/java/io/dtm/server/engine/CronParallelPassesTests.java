package io.dtm.server.engine;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cron works a backlog off with up to {@code dtm.server.cron.workers} passes at once:
 * a slow branch holds only its own transaction.
 */
class CronParallelPassesTests {

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenManyTransactionsAreDueShouldRunUpToTheWorkerCountAtOnce() throws Exception {
		for (int i = 0; i < 10; i++) {
			this.engine.storedSaga("due-" + i, GlobalStatus.SUBMITTED, "", TransOptions.NONE, BranchStatus.PREPARED);
		}
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		this.engine.invoker.onCall(() -> {
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			running.decrementAndGet();
		});
		this.engine.properties.getCron().setWorkers(3);
		this.engine.properties.getCron().setInterval(Duration.ofMillis(20));
		this.engine.cron.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 3);
			Thread.sleep(100);
			assertThat(running.get()).as("passes blocked in a slow branch").isEqualTo(3);
			release.countDown();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.engine.store
					.scan(new io.dtm.server.store.TransQuery(null, 100, GlobalStatus.SUCCEED, null, null, null))
					.transactions()
					.size() == 10);
			assertThat(most.get()).isEqualTo(3);
		}
		finally {
			release.countDown();
			this.engine.cron.stop();
		}
	}

}
