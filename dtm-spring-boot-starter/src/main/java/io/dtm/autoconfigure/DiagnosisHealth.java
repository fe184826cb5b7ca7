package io.dtm.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.health.Health;

/**
 * Builds DOWN health with a report's code, cause, target, action, property and manual
 * check, and logs each new problem of a check once (one WARN line per occurrence, one
 * INFO line on recovery), as the coordinator does.
 */
final class DiagnosisHealth {

	private static final Logger logger = LoggerFactory.getLogger(DiagnosisHealth.class);

	private static final Map<String, String> current = new ConcurrentHashMap<>();

	private DiagnosisHealth() {
	}

	static Health down(String check, HealthReport report) {
		String previous = current.put(check, report.cause());
		if (!report.cause().equals(previous)) {
			logger.warn("{} [check={}; error: {}]", report.message(), check, report.error());
		}
		return Health.down()
			.withDetail("code", report.code().name())
			.withDetail("cause", report.cause())
			.withDetail("target", String.valueOf(report.target()))
			.withDetail("action", report.action())
			.withDetail("property", String.valueOf(report.property()))
			.withDetail("manualCheck", report.manualCheck())
			.withDetail("error", String.valueOf(report.error()))
			.build();
	}

	static void recovered(String check) {
		if (current.remove(check) != null) {
			logger.info("check {} recovered", check);
		}
	}

}
