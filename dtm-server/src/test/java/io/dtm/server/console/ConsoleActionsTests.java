package io.dtm.server.console;

import io.dtm.server.service.DtmApiException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConsoleActions}.
 */
class ConsoleActionsTests {

	private final RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

	@Test
	void whenTheActionIsCarriedOutShouldShowTheDoneNotice() {
		ConsoleActions.run(this.redirect, "Retry", "Retry scheduled.", () -> {
		});

		assertThat(this.redirect.getFlashAttributes().get("notice")).isEqualTo("Retry scheduled.");
		assertThat(this.redirect.getFlashAttributes()).doesNotContainKey("error");
	}

	@Test
	void whenTheActionIsRefusedShouldShowTheCoordinatorsMessage() {
		ConsoleActions.run(this.redirect, "Force stop", "done", () -> {
			throw new DtmApiException.BadRequest("transaction g1 is already finished");
		});

		assertThat(this.redirect.getFlashAttributes().get("error"))
			.isEqualTo("Force stop refused: transaction g1 is already finished");
	}

	@Test
	void whenTheStoreIsAwayShouldShowAFailureWithoutTheErrorsText() {
		ConsoleActions.run(this.redirect, "Retry", "done", () -> {
			throw new DataAccessResourceFailureException("Communications link failure to 10.0.0.7:3306");
		});

		assertThat((String) this.redirect.getFlashAttributes().get("error"))
			.startsWith("Retry failed: the coordinator could not complete it (DataAccessResourceFailureException)")
			.doesNotContain("10.0.0.7");
		assertThat(this.redirect.getFlashAttributes()).doesNotContainKey("notice");
	}

}
