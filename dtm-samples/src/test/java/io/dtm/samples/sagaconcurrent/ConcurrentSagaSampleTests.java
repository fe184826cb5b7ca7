package io.dtm.samples.sagaconcurrent;

import io.dtm.core.GlobalStatus;
import io.dtm.samples.testsupport.SampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrent saga sample against the real coordinator, driven like the README's
 * {@code curl} lines.
 */
@Tag("integration")
class ConcurrentSagaSampleTests {

	private static SampleApp sample;

	@BeforeAll
	static void start() {
		sample = SampleApp.start(ConcurrentSagaApplication.class, "saga-concurrent");
	}

	@AfterAll
	static void stop() {
		if (sample != null) {
			sample.close();
		}
	}

	@BeforeEach
	void resetAccounts() {
		sample.resetAccounts();
	}

	@Test
	void whenTransferSucceedsShouldPayEveryReceiver() {
		SampleApp.Reply reply = sample.transfer("from=1&to=2&to=3&amount=20");
		assertThat(reply.status()).isEqualTo(200);
		sample.awaitOutcome(reply.gid(), GlobalStatus.SUCCEED, 60, 120, 120);
	}

	@Test
	void whenOneReceiverIsUnknownShouldCompensateEveryStepThatRan() {
		SampleApp.Reply reply = sample.transfer("from=1&to=2&to=99&amount=20");
		assertThat(reply.status()).isEqualTo(200);
		sample.awaitOutcome(reply.gid(), GlobalStatus.FAILED, 100, 100, 100);
	}

}
