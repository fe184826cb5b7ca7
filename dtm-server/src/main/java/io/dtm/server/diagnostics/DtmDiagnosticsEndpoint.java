package io.dtm.server.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.HealthDetails;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/dtm}: runs every diagnostic check on demand (all at once, within the
 * check timeout) and lists the results with their D-codes and {@link HealthDetails}
 * (cause, target, action, property, manual check, error) and message. Answers 200 when
 * every check passes and 503 when one fails, as {@code /actuator/health} does.
 */
@Endpoint(id = "dtm")
public class DtmDiagnosticsEndpoint {

	private final List<DiagnosticCheck> checks;

	private final DiagnosticRunner runner;

	private final List<DiagnosticFact> facts;

	public DtmDiagnosticsEndpoint(List<DiagnosticCheck> checks, DiagnosticRunner runner) {
		this(checks, runner, List.of());
	}

	public DtmDiagnosticsEndpoint(List<DiagnosticCheck> checks, DiagnosticRunner runner, List<DiagnosticFact> facts) {
		this.checks = checks;
		this.runner = runner;
		this.facts = facts;
	}

	@ReadOperation
	public WebEndpointResponse<Map<String, Object>> diagnose() {
		List<Optional<Diagnosis>> outcomes = this.runner.runAll(this.checks);
		List<Map<String, Object>> results = new ArrayList<>();
		boolean ok = true;
		for (int i = 0; i < this.checks.size(); i++) {
			Optional<Diagnosis> result = outcomes.get(i);
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("check", this.checks.get(i).name());
			row.put("status", result.isPresent() ? "failed" : "ok");
			result.ifPresent((diagnosis) -> {
				row.put("code", diagnosis.code().name());
				row.put("title", diagnosis.code().title());
				row.putAll(HealthDetails.of(diagnosis));
				row.put("message", diagnosis.message());
			});
			ok &= result.isEmpty();
			results.add(row);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", ok ? "ok" : "failed");
		body.put("checks", results);
		this.facts.forEach((fact) -> body.put(fact.name(), fact.value()));
		return new WebEndpointResponse<>(body,
				ok ? WebEndpointResponse.STATUS_OK : WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

}
