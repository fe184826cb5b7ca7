package io.dtm.server.diagnostics;

import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.HealthDetails;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health indicator over one {@link DiagnosticCheck}: DOWN with the check's name and the
 * {@link HealthDetails} of its diagnosis ({@code code}, {@code cause}, {@code target},
 * {@code action}, {@code property}, {@code manualCheck}, {@code error}, as the starter
 * reports them) when it fails, also when it does not answer within the check timeout (see
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
		return Health.down().withDetail("check", this.check.name()).withDetails(HealthDetails.of(result.get())).build();
	}

}
