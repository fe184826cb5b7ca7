package io.dtm.samples.saga;

import io.dtm.core.GlobalStatus;
import io.dtm.samples.testsupport.SampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saga sample against the real coordinator, driven like the README's {@code curl}
 * lines.
 */
@Tag("integration")
class SagaSampleTests {

	private static SampleApp sample;

	@BeforeAll
	static void start() {
		sample = SampleApp.start(SagaApplication.class, "saga");
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
	void whenTransferSucceedsShouldMoveTheMoney() {
		SampleApp.Reply reply = sample.transfer("from=1&to=2&amount=30");
		assertThat(reply.status()).isEqualTo(200);
		sample.awaitOutcome(reply.gid(), GlobalStatus.SUCCEED, 70, 130, 100);
	}

	@Test
	void whenReceiverIsUnknownShouldCompensateTheWithdrawal() {
		SampleApp.Reply reply = sample.transfer("from=1&to=99&amount=30");
		assertThat(reply.status()).isEqualTo(200);
		sample.awaitOutcome(reply.gid(), GlobalStatus.FAILED, 100, 100, 100);
	}

}
