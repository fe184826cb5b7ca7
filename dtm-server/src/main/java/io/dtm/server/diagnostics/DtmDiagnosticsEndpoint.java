package io.dtm.server.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dtm.core.Diagnosis;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/dtm}: runs every diagnostic check on demand and lists the results with
 * their D-codes, causes and actions.
 */
@Endpoint(id = "dtm")
public class DtmDiagnosticsEndpoint {

	private final List<DiagnosticCheck> checks;

	private final DiagnosticReporter reporter;

	public DtmDiagnosticsEndpoint(List<DiagnosticCheck> checks, DiagnosticReporter reporter) {
		this.checks = checks;
		this.reporter = reporter;
	}

	@ReadOperation
	public Map<String, Object> diagnose() {
		List<Map<String, Object>> results = new ArrayList<>();
		boolean ok = true;
		for (DiagnosticCheck check : this.checks) {
			Optional<Diagnosis> result = this.reporter.run(check);
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("check", check.name());
			row.put("status", result.isPresent() ? "failed" : "ok");
			result.ifPresent((diagnosis) -> {
				row.put("code", diagnosis.code().name());
				row.put("title", diagnosis.code().title());
				row.put("cause", diagnosis.cause().title());
				row.put("target", diagnosis.target());
				row.put("action", diagnosis.action());
				row.put("property", diagnosis.property());
				row.put("manualCheck", diagnosis.cause().check());
				row.put("error", diagnosis.error());
				row.put("message", diagnosis.message());
			});
			ok &= result.isEmpty();
			results.add(row);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", ok ? "ok" : "failed");
		body.put("checks", results);
		return body;
	}

}
