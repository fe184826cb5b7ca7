package io.dtm.server.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmDiagnosticsEndpoint}.
 */
class DtmDiagnosticsEndpointTests {

	private final DiagnosticRunner runner = new DiagnosticRunner(Duration.ofMillis(300), new DiagnosticReporter(null));

	private final ScriptedCheck hanging = new ScriptedCheck("store").hanging();

	@AfterEach
	void release() {
		this.hanging.release();
		this.runner.destroy();
	}

	@Test
	void whenEveryCheckPassesShouldAnswer200() {
		WebEndpointResponse<Map<String, Object>> response = endpoint(new ScriptedCheck("store"),
				new ScriptedCheck("data-dir"))
			.diagnose();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("status", "ok");
	}

	@Test
	void whenACheckFailsShouldAnswer503WithItsCode() {
		WebEndpointResponse<Map<String, Object>> response = endpoint(new ScriptedCheck("store").failing(),
				new ScriptedCheck("data-dir"))
			.diagnose();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getBody()).containsEntry("status", "failed");
		assertThat(checks(response).get(0)).containsEntry("status", "failed")
			.containsEntry("code", "D1001")
			.containsEntry("cause", "connection refused");
		assertThat(checks(response).get(1)).containsEntry("status", "ok");
	}

	@Test
	void whenACheckDoesNotAnswerShouldAnswer503WithinTheTimeout() {
		long start = System.nanoTime();
		WebEndpointResponse<Map<String, Object>> response = endpoint(this.hanging, new ScriptedCheck("data-dir"))
			.diagnose();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(checks(response).get(0)).containsEntry("code", "D1001")
			.containsEntry("cause", "connect or socket timeout")
			.containsEntry("error", "timed out after 300ms");
	}

	private DtmDiagnosticsEndpoint endpoint(DiagnosticCheck... checks) {
		return new DtmDiagnosticsEndpoint(List.of(checks), this.runner);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> checks(WebEndpointResponse<Map<String, Object>> response) {
		return (List<Map<String, Object>>) response.getBody().get("checks");
	}

}
