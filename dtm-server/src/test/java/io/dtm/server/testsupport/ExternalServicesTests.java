package io.dtm.server.testsupport;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the search order of {@link ExternalServices} (without touching a service: the
 * sources here are stand-ins).
 */
class ExternalServicesTests {

	@Test
	void whenAnEarlierSourceFindsTheServiceShouldNotAskTheLaterOnes() {
		String found = ExternalServices.find("Redis server", List.of((tried) -> {
			tried.add("DTM_TEST_REDIS_URL: not set");
			return Optional.empty();
		}, (tried) -> Optional.of("redis://127.0.0.1:6379"), (tried) -> {
			throw new AssertionError("Testcontainers must not be asked");
		}), "start one");
		assertThat(found).isEqualTo("redis://127.0.0.1:6379");
	}

	@Test
	void whenNoSourceFindsTheServiceShouldFailNamingEveryPlaceTriedAndTheFix() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> ExternalServices.find("Redis server", List.of((tried) -> {
				tried.add("DTM_TEST_REDIS_URL: not set");
				return Optional.empty();
			}, (tried) -> {
				tried.add("127.0.0.1:6379 without a password: nothing listens (connection refused)");
				return Optional.empty();
			}, (tried) -> {
				tried.add("Testcontainers: no Docker engine answers");
				return Optional.empty();
			}), "set DTM_TEST_REDIS_URL"))
			.withMessageStartingWith(
					"No Redis server for integration tests. Tried, in order:\n" + "  - DTM_TEST_REDIS_URL: not set\n"
							+ "  - 127.0.0.1:6379 without a password: nothing listens (connection refused)\n"
							+ "  - Testcontainers: no Docker engine answers\n" + "To fix: set DTM_TEST_REDIS_URL")
			.withMessageContaining("Refusing to skip");
	}

}
