package io.dtm.core.diagnostics;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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

	@Test
	void whenCauseTitlesOfOneCodeAreComparedShouldBeDistinct() {
		Set<String> seen = new HashSet<>();
		for (DiagnosticCause cause : DiagnosticCause.values()) {
			assertThat(seen.add(cause.code() + " " + cause.title())).as("title of %s", cause).isTrue();
		}
	}

	@Test
	void whenReasonIsGivenCauseTextAndMessageShouldFollowTheTitleWithIt() {
		Diagnosis diagnosis = new Diagnosis(DiagnosticCause.COORDINATOR_UNREACHABLE, "at http://dtm:36789",
				"dtm.client.service-name", "connection refused")
			.withReason("connection refused")
			.filledIn(Map.of("server-url", "http://dtm:36789"));

		assertThat(diagnosis.causeText()).isEqualTo("coordinator unreachable: connection refused");
		assertThat(diagnosis.action())
			.isEqualTo("start the coordinator at http://dtm:36789 or fix dtm.client.service-name");
		assertThat(diagnosis.manualCheck()).isEqualTo("curl http://dtm:36789/api/ping");
		assertThat(diagnosis.message()).isEqualTo("D1003 network timeout or service registration failure: coordinator "
				+ "unreachable: connection refused at http://dtm:36789 — start the coordinator at http://dtm:36789 or "
				+ "fix dtm.client.service-name");
		assertThat(diagnosis.messageWithError()).endsWith(" [error: connection refused]");
	}

	@Test
	void whenValueIsUnknownFilledInShouldKeepThePlaceholder() {
		Diagnosis diagnosis = new Diagnosis(DiagnosticCause.REDIS_CONNECTION_REFUSED, "at somewhere", null, "")
			.filledIn(Map.of("host", "10.0.0.1"));

		assertThat(diagnosis.manualCheck()).isEqualTo("redis-cli -h 10.0.0.1 -p <port> ping");
		assertThat(diagnosis.logLine("store")).endsWith(" [check=store; error: ]");
	}

	@Test
	void whenDiagnosisIsReportedHealthDetailsShouldCarryCodeCauseTargetActionPropertyCheckAndError() {
		Diagnosis diagnosis = new Diagnosis(DiagnosticCause.REDIS_CANNOT_PERSIST, "at 127.0.0.1:6379", null,
				"MISCONF Redis is configured to save RDB snapshots")
			.filledIn(Map.of("host", "127.0.0.1", "port", "6379"));

		assertThat(HealthDetails.of(diagnosis)).containsExactly(Map.entry("code", "D1002"),
				Map.entry("cause", "Redis refuses writes because it cannot persist (MISCONF)"),
				Map.entry("target", "at 127.0.0.1:6379"),
				Map.entry("action", DiagnosticCause.REDIS_CANNOT_PERSIST.action()), Map.entry("property", ""),
				Map.entry("manualCheck", "redis-cli -h 127.0.0.1 -p 6379 INFO persistence"),
				Map.entry("error", "MISCONF Redis is configured to save RDB snapshots"));
	}

	@Test
	void whenACheckFailsRepeatedlyOccurrencesShouldCountOnlyNewCauses() {
		DiagnosticOccurrences occurrences = new DiagnosticOccurrences();
		Diagnosis refused = new Diagnosis(DiagnosticCause.DB_CONNECTION_REFUSED, "", null, "");
		Diagnosis timeout = new Diagnosis(DiagnosticCause.DB_TIMEOUT, "", null, "");

		assertThat(occurrences.failed("store", refused)).isTrue();
		assertThat(occurrences.failed("store", refused)).isFalse();
		assertThat(occurrences.failed("store", timeout)).isTrue();
		assertThat(occurrences.isFailing("store")).isTrue();
		assertThat(occurrences.passed("store")).isTrue();
		assertThat(occurrences.passed("store")).isFalse();
		assertThat(occurrences.failed("store", timeout)).isTrue();
	}

}
