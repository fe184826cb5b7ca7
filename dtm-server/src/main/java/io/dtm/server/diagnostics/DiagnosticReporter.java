package io.dtm.server.diagnostics;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCode;
import io.dtm.core.diagnostics.DiagnosticOccurrences;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each diagnostic occurrence once — one WARN line with the code, cause and action
 * when a check starts failing or fails for a different reason, one INFO line when it
 * recovers — counts occurrences per code and cause ({@code dtm_diagnostic_total}) and
 * gauges the checks failing now per code ({@code dtm_diagnostic_active}). Repeated
 * identical failures do not flood the log.
 */
public class DiagnosticReporter {

	private static final Logger logger = LoggerFactory.getLogger(DiagnosticReporter.class);

	private final DiagnosticOccurrences occurrences = new DiagnosticOccurrences();

	private final Map<String, DiagnosticCode> active = new ConcurrentHashMap<>();

	private final MeterRegistry meterRegistry;

	/**
	 * Create a reporter.
	 * @param meterRegistry where {@code dtm_diagnostic_total} and
	 * {@code dtm_diagnostic_active} go, or {@code null} for no metrics
	 */
	public DiagnosticReporter(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
		if (meterRegistry != null) {
			for (DiagnosticCode code : DiagnosticCode.values()) {
				Gauge.builder("dtm.diagnostic.active", this, (reporter) -> reporter.activeChecks(code))
					.description("Checks failing now with this code (0 once each has passed again)")
					.tag("code", code.name())
					.register(meterRegistry);
			}
		}
	}

	private double activeChecks(DiagnosticCode code) {
		return this.active.values().stream().filter(code::equals).count();
	}

	/**
	 * Record the result of a check.
	 * @param check the check name
	 * @param result the problem, or empty
	 */
	public void report(String check, Optional<Diagnosis> result) {
		if (result.isPresent()) {
			Diagnosis diagnosis = result.get();
			this.active.put(check, diagnosis.code());
			if (this.occurrences.failed(check, diagnosis)) {
				logger.warn(diagnosis.logLine(check));
				if (this.meterRegistry != null) {
					Counter.builder("dtm.diagnostic")
						.description("Problems found by the " + DiagnosticCode.D1001 + "-" + DiagnosticCode.D1004
								+ " checks, counted once per occurrence")
						.tags("code", diagnosis.code().name(), "cause",
								diagnosis.cause().name().toLowerCase(Locale.ROOT))
						.register(this.meterRegistry)
						.increment();
				}
			}
		}
		else {
			this.active.remove(check);
			if (this.occurrences.passed(check)) {
				logger.info("check {} recovered", check);
			}
		}
	}

	/**
	 * Record that a check did not answer in time, unless it is already known to fail: a
	 * check that keeps timing out while its background run finds the real cause (say,
	 * connection refused) must not log a line each time the two alternate.
	 * @param check the check name
	 * @param diagnosis the time-out diagnosis
	 */
	public void reportTimeout(String check, Diagnosis diagnosis) {
		if (!this.occurrences.isFailing(check)) {
			report(check, Optional.of(diagnosis));
		}
	}

}
