package io.dtm.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.core.Diagnosis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.health.Health;

/**
 * Builds DOWN health with a diagnosis' code, cause, target, action, property and manual
 * check, and logs each new diagnosis of a check once (one WARN line per occurrence, one
 * INFO line on recovery), as the coordinator does.
 */
final class DiagnosisHealth {

	private static final Logger logger = LoggerFactory.getLogger(DiagnosisHealth.class);

	private static final Map<String, Diagnosis> current = new ConcurrentHashMap<>();

	private DiagnosisHealth() {
	}

	static Health down(String check, Diagnosis diagnosis) {
		Diagnosis previous = current.put(check, diagnosis);
		if (previous == null || previous.cause() != diagnosis.cause()) {
			logger.warn("{} [check={}; error: {}]", diagnosis.message(), check, diagnosis.error());
		}
		return Health.down()
			.withDetail("code", diagnosis.code().name())
			.withDetail("cause", diagnosis.cause().title())
			.withDetail("target", diagnosis.target())
			.withDetail("action", diagnosis.action())
			.withDetail("property", String.valueOf(diagnosis.property()))
			.withDetail("manualCheck", diagnosis.cause().check())
			.withDetail("error", diagnosis.error())
			.build();
	}

	static void recovered(String check) {
		if (current.remove(check) != null) {
			logger.info("check {} recovered", check);
		}
	}

}
