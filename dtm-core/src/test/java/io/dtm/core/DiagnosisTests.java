package io.dtm.core;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Diagnosis} and the {@link DiagnosticCause} catalogue.
 */
class DiagnosisTests {

	@Test
	void messageShouldNameCodeCauseTargetAndAction() {
		Diagnosis diagnosis = new Diagnosis(DiagnosticCause.DB_AUTH_FAILED, "for user 'dtm' at 127.0.0.1:3306", null,
				"Access denied");
		assertThat(diagnosis.message()).isEqualTo("D1001 database connection failure: authentication failed for "
				+ "user 'dtm' at 127.0.0.1:3306 — check spring.datasource.username and spring.datasource.password");
		assertThat(diagnosis.property()).isEqualTo("spring.datasource.password");
	}

	@Test
	void actionWhenPropertyIsNotInTheTextShouldNameIt() {
		Diagnosis diagnosis = new Diagnosis(DiagnosticCause.PATH_NOT_WRITABLE, "for dtm.server.store.h2.data-dir=/data",
				"dtm.server.store.h2.data-dir", "");
		assertThat(diagnosis.action()).endsWith("(dtm.server.store.h2.data-dir)");
	}

	@Test
	void everyCodeShouldHaveCausesWithActionsAndChecks() {
		EnumSet<DiagnosticCode> covered = EnumSet.noneOf(DiagnosticCode.class);
		for (DiagnosticCause cause : DiagnosticCause.values()) {
			covered.add(cause.code());
			assertThat(cause.title()).isNotBlank();
			assertThat(cause.action()).isNotBlank();
			assertThat(cause.check()).isNotBlank();
		}
		assertThat(covered).containsExactlyInAnyOrder(DiagnosticCode.values());
	}

}
