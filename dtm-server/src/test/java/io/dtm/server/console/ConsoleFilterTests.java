package io.dtm.server.console;

import java.time.LocalDateTime;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.TransQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The list's filters as the page sends them.
 */
class ConsoleFilterTests {

	@Test
	void whenEveryFilterIsGivenShouldBuildTheStoreQueryAndLinksFromThem() {
		ConsoleFilter filter = ConsoleFilter.parse("failed", "saga", " order-", "2026-12-01T10:00", "2026-12-02T00:00",
				"120");

		TransQuery query = filter.query(50);

		assertThat(query).isEqualTo(new TransQuery(120L, 50, GlobalStatus.FAILED, TransType.SAGA,
				LocalDateTime.of(2026, 12, 1, 10, 0), LocalDateTime.of(2026, 12, 2, 0, 0), "order-"));
		assertThat(filter.at(null).toUri("/console/transactions")).isEqualTo(
				"/console/transactions?status=failed&type=saga&gid=order-&from=2026-12-01T10:00&to=2026-12-02T00:00");
		assertThat(filter.at(7L).parameters()).containsEntry("position", "7");
	}

	@Test
	void whenNothingIsGivenShouldMatchEverything() {
		ConsoleFilter filter = ConsoleFilter.parse(null, "", "  ", null, "", null);

		assertThat(filter.query(10)).isEqualTo(new TransQuery(null, 10, null, null, null, null, null));
		assertThat(filter.toUri("/console/transactions")).isEqualTo("/console/transactions");
	}

	@Test
	void whenAFilterIsNotValidShouldNameIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleFilter.parse("done", null, null, null, null, null))
			.withMessageStartingWith("status 'done'");
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleFilter.parse(null, "2pc", null, null, null, null))
			.withMessageStartingWith("type '2pc'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsoleFilter.parse(null, null, null, "yesterday", null, null))
			.withMessageStartingWith("from 'yesterday'");
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleFilter.parse(null, null, null, null, null, "-1"))
			.withMessageStartingWith("position '-1'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsoleFilter.parse(null, null, "g".repeat(129), null, null, null))
			.withMessageContaining("longer than 128");
	}

}
