package io.dtm.server.security;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientRateLimiter} with a fixed clock.
 */
class ClientRateLimiterTests {

	private final AtomicLong now = new AtomicLong();

	private final ClientRateLimiter limiter = new ClientRateLimiter(10, 3, this.now::get);

	@Test
	void whenABurstIsUsedUpShouldRefuseUntilTheBucketRefills() {
		assertThat(this.limiter.tryAcquire("10.0.0.1")).isTrue();
		assertThat(this.limiter.tryAcquire("10.0.0.1")).isTrue();
		assertThat(this.limiter.tryAcquire("10.0.0.1")).isTrue();
		assertThat(this.limiter.tryAcquire("10.0.0.1")).isFalse();

		this.now.addAndGet(100_000_000L);

		assertThat(this.limiter.tryAcquire("10.0.0.1")).as("one call refilled in 100 ms at 10/s").isTrue();
		assertThat(this.limiter.tryAcquire("10.0.0.1")).isFalse();
	}

	@Test
	void whenOneClientIsLimitedOthersShouldNotBe() {
		for (int i = 0; i < 3; i++) {
			this.limiter.tryAcquire("10.0.0.1");
		}

		assertThat(this.limiter.tryAcquire("10.0.0.1")).isFalse();
		assertThat(this.limiter.tryAcquire("10.0.0.2")).isTrue();
	}

	@Test
	void whenManyClientsCallShouldStillServeEachWithinItsOwnBucket() {
		for (int i = 0; i < 12_000; i++) {
			assertThat(this.limiter.tryAcquire("client-" + i)).isTrue();
		}
		this.now.addAndGet(1_000_000_000L);

		assertThat(this.limiter.tryAcquire("client-1")).isTrue();
	}

}
