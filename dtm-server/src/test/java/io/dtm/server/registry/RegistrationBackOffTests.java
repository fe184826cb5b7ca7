package io.dtm.server.registry;

import java.time.Duration;
import java.util.stream.IntStream;

import io.dtm.server.config.DtmServerProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RegistrationBackOff}.
 */
class RegistrationBackOffTests {

	@Test
	void whenDefaultsShouldWaitOneSecondThenMultiplyByOneAndAHalf() {
		RegistrationBackOff backOff = RegistrationBackOff.of(new DtmServerProperties.Registry());

		assertThat(IntStream.rangeClosed(1, 5).mapToObj(backOff::after)).containsExactly(Duration.ofMillis(1000),
				Duration.ofMillis(1500), Duration.ofMillis(2250), Duration.ofMillis(3375), Duration.ofMillis(5062));
	}

	@Test
	void whenWaitReachesTheMaximumShouldStayThere() {
		RegistrationBackOff backOff = new RegistrationBackOff(Duration.ofSeconds(1), 2, Duration.ofSeconds(5));

		assertThat(IntStream.rangeClosed(1, 6).mapToObj(backOff::after)).containsExactly(Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5),
				Duration.ofSeconds(5));
	}

	@Test
	void whenMultiplierIsOneShouldWaitTheSameEachTime() {
		RegistrationBackOff backOff = new RegistrationBackOff(Duration.ofMillis(200), 1.0, Duration.ofSeconds(30));

		assertThat(backOff.after(1)).isEqualTo(backOff.after(50)).isEqualTo(Duration.ofMillis(200));
	}

}
