package io.dtm.server.diagnostics;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.core.Diagnosis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each diagnostic occurrence once — one WARN line with the code, cause and action
 * when a check starts failing or fails for a different reason, one INFO line when it
 * recovers — and counts occurrences per code and cause ({@code dtm_diagnostic_total}).
 * Repeated identical failures do not flood the log.
 */
public class DiagnosticReporter {

	private static final Logger logger = LoggerFactory.getLogger(DiagnosticReporter.class);

	private final Map<String, Diagnosis> current = new ConcurrentHashMap<>();

	private final MeterRegistry meterRegistry;

	public DiagnosticReporter(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Record the result of a check.
	 * @param check the check name
	 * @param result the problem, or empty
	 */
	public void report(String check, Optional<Diagnosis> result) {
		if (result.isPresent()) {
			Diagnosis diagnosis = result.get();
			Diagnosis previous = this.current.put(check, diagnosis);
			if (previous == null || previous.cause() != diagnosis.cause()) {
				logger.warn("{} [check={}; error: {}]", diagnosis.message(), check, diagnosis.error());
				if (this.meterRegistry != null) {
					Counter.builder("dtm.diagnostic")
						.description("Problems found by the D1001-D1004 checks, counted once per occurrence")
						.tags("code", diagnosis.code().name(), "cause",
								diagnosis.cause().name().toLowerCase(java.util.Locale.ROOT))
						.register(this.meterRegistry)
						.increment();
				}
			}
		}
		else if (this.current.remove(check) != null) {
			logger.info("check {} recovered", check);
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
		if (!this.current.containsKey(check)) {
			report(check, Optional.of(diagnosis));
		}
	}

}
