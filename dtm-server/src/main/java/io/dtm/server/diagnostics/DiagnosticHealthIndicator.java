package io.dtm.server.diagnostics;

import java.util.Optional;

import io.dtm.core.Diagnosis;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health indicator over one {@link DiagnosticCheck}: DOWN with {@code code},
 * {@code cause}, {@code target}, {@code action}, {@code property} and {@code check}
 * details when it fails, also when it does not answer within the check timeout (see
 * {@link DiagnosticRunner}).
 */
public class DiagnosticHealthIndicator implements HealthIndicator {

	private final DiagnosticCheck check;

	private final DiagnosticRunner runner;

	public DiagnosticHealthIndicator(DiagnosticCheck check, DiagnosticRunner runner) {
		this.check = check;
		this.runner = runner;
	}

	@Override
	public Health health() {
		Optional<Diagnosis> result = this.runner.run(this.check);
		if (result.isEmpty()) {
			return Health.up().withDetail("check", this.check.name()).build();
		}
		Diagnosis diagnosis = result.get();
		return Health.down()
			.withDetail("check", this.check.name())
			.withDetail("code", diagnosis.code().name())
			.withDetail("cause", diagnosis.cause().title())
			.withDetail("target", diagnosis.target())
			.withDetail("action", diagnosis.action())
			.withDetail("property", String.valueOf(diagnosis.property()))
			.withDetail("manualCheck", diagnosis.cause().check())
			.withDetail("error", diagnosis.error())
			.build();
	}

}
