package io.dtm.server.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TransFactory}'s branch ids.
 */
class TransFactoryTests {

	@Test
	void whenStepsAreNumberedShouldUseDtmsTwoDigitBranchIds() {
		assertThat(TransFactory.twoDigits(1)).isEqualTo("01");
		assertThat(TransFactory.twoDigits(9)).isEqualTo("09");
		assertThat(TransFactory.twoDigits(10)).isEqualTo("10");
		assertThat(TransFactory.twoDigits(123)).isEqualTo("123");
		for (int i = 0; i < 1000; i++) {
			assertThat(TransFactory.twoDigits(i)).isEqualTo(String.format("%02d", i));
		}
	}

}
