package io.dtm.server.api;

import java.util.Map;
import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.server.diagnostics.DiagnosticRunner;
import io.dtm.server.api.openapi.ApiAnswers;
import io.dtm.server.diagnostics.StoreCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "probes", description = "Liveness and store checks; open even when API access is restricted.")
public class PingController {

	private final StoreCheck storeCheck;

	private final DiagnosticRunner runner;

	PingController(StoreCheck storeCheck, DiagnosticRunner runner) {
		this.storeCheck = storeCheck;
		this.runner = runner;
	}

	/** Liveness as dtm answers it. */
	@RequestMapping("/ping")
	@Operation(summary = "Liveness, as dtm answers it",
			description = "Answers every HTTP method (described here as GET); reads no store.")
	@ApiResponse(responseCode = "200", description = "Alive.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Pong.class)))
	Map<String, Object> ping() {
		return Map.of("msg", "pong");
	}

	/**
	 * 200 when the store answers, 503 with the D-coded reason otherwise; like every
	 * health check it waits at most {@code dtm.server.diagnostics.check-timeout}.
	 */
	@RequestMapping("/health")
	@Operation(summary = "Whether the store answers", description = "Answers every HTTP method (described here as "
			+ "GET). Asks the store a trivial question and waits at most `dtm.server.diagnostics.check-timeout` "
			+ "(2 s).")
	@ApiResponse(responseCode = "200", description = "The store answered: `{\"result\":\"success\"}`.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Health.class)))
	@ApiResponse(responseCode = "503",
			description = "The store did not answer in time or failed: `result` "
					+ "`failure` with the D-code of the SQL store's or Redis's failure and the diagnosis.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Health.class)))
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
