package io.dtm.server.api;

import java.util.Map;
import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.server.diagnostics.DiagnosticRunner;
import io.dtm.server.diagnostics.StoreCheck;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quick checks: {@code /api/ping} as dtm (no store access), {@code /api/health} answering
 * {@code {"result":"success"}} only when the store answers.
 */
@RestController
@RequestMapping("/api")
public class PingController {

	private final StoreCheck storeCheck;

	private final DiagnosticRunner runner;

	PingController(StoreCheck storeCheck, DiagnosticRunner runner) {
		this.storeCheck = storeCheck;
		this.runner = runner;
	}

	/** Liveness as dtm answers it. */
	@RequestMapping("/ping")
	Map<String, Object> ping() {
		return Map.of("msg", "pong");
	}

	/**
	 * 200 when the store answers, 503 with the D-coded reason otherwise; like every
	 * health check it waits at most {@code dtm.server.diagnostics.check-timeout}.
	 */
	@RequestMapping("/health")
	ResponseEntity<Map<String, Object>> health() {
		Optional<Diagnosis> problem = this.runner.run(this.storeCheck);
		if (problem.isEmpty()) {
			return ResponseEntity.ok(Map.of("result", "success"));
		}
		Diagnosis diagnosis = problem.get();
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("result", "failure", "code", diagnosis.code().name(), "message",
					"store is not reachable: " + diagnosis.message()));
	}

}
