package io.dtm.server.diagnostics;

import java.util.Optional;

import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.Diagnosis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code dtm.diagnostic.active} gauge of {@link DiagnosticReporter}.
 */
class DiagnosticReporterTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final DiagnosticReporter reporter = new DiagnosticReporter(this.registry);

	@Test
	void whenNothingFailsEveryCodeShouldGaugeZero() {
		assertThat(active("D1001")).isZero();
		assertThat(active("D1004")).isZero();
	}

	@Test
	void whenACheckFailsRepeatedlyItShouldCountOnceUntilItPasses() {
		Diagnosis down = new Diagnosis(DiagnosticCause.DB_OTHER, "127.0.0.1:3306", null, "boom");
		this.reporter.report("store", Optional.of(down));
		this.reporter.report("store", Optional.of(down));
		assertThat(active("D1001")).isEqualTo(1);
		assertThat(this.registry.get("dtm.diagnostic").tag("code", "D1001").counter().count()).isEqualTo(1);

		this.reporter.report("store", Optional.empty());
		assertThat(active("D1001")).isZero();
	}

	private double active(String code) {
		return this.registry.get("dtm.diagnostic.active").tag("code", code).gauge().value();
	}

}
