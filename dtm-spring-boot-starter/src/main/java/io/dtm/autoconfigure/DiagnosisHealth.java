package io.dtm.autoconfigure;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticOccurrences;
import io.dtm.core.diagnostics.HealthDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.health.Health;

/**
 * The starter's adapter from a {@link Diagnosis} to Spring Boot health: DOWN with the
 * {@link HealthDetails} the coordinator reports too, and one WARN line per occurrence of
 * a problem (one INFO line on recovery), as the coordinator logs them.
 */
final class DiagnosisHealth {

	private static final Logger logger = LoggerFactory.getLogger(DiagnosisHealth.class);

	private static final DiagnosticOccurrences occurrences = new DiagnosticOccurrences();

	private DiagnosisHealth() {
	}

	static Health down(String check, Diagnosis diagnosis) {
		if (occurrences.failed(check, diagnosis)) {
			logger.warn(diagnosis.logLine(check));
		}
		return Health.down().withDetails(HealthDetails.of(diagnosis)).build();
	}

	static void recovered(String check) {
		if (occurrences.passed(check)) {
			logger.info("check {} recovered", check);
		}
	}

}
