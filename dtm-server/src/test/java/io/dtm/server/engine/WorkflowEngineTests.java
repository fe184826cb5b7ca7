package io.dtm.server.engine;

import java.time.Duration;
import java.util.Map;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workflow rules: a prepared workflow is left to its client until its timeout, then
 * resumed through its callback (branch {@code 00}, the workflow's name as {@code op})
 * with the usual back-off until the client submits; the callback's answer never changes
 * the status.
 */
class WorkflowEngineTests {

	private final EngineHarness engine = new EngineHarness();

	@Test
	void whenAWorkflowOutlivesItsTimeoutShouldResumeItThroughItsCallbackUntilSubmitted() {
		this.engine.invoker.then("/Resume", BranchOutcome.ERROR);
		this.engine.coordinator.prepareWorkflow(workflow("w1", 10));

		this.engine.advance(Duration.ofSeconds(9));
		assertThat(this.engine.invoker.paths()).as("the client has until the timeout").isEmpty();
		this.engine.advance(Duration.ofSeconds(2));
		assertThat(this.engine.invoker.calls()).singleElement().satisfies((call) -> {
			assertThat(call.path()).isEqualTo("/Resume");
			assertThat(call.op()).isEqualTo(BranchOp.WORKFLOW);
			assertThat(call.branchId()).isEqualTo("00");
		});
		assertThat(this.engine.global("w1").status()).isEqualTo(GlobalStatus.PREPARED);
		this.engine.advance(Duration.ofSeconds(60));
		long resumed = this.engine.invoker.count("/Resume");
		assertThat(resumed).as("called again with back-off").isGreaterThanOrEqualTo(2);
		assertThat(this.engine.global("w1").status()).as("no answer changes the status")
			.isEqualTo(GlobalStatus.PREPARED);

		this.engine.coordinator.submit(new TransRequest("w1", "workflow", null, null, null, null, null, false, 0, 0, 0,
				null, false, 0, 0, null, Map.of("status", "succeed", "result", "b2s=")));
		this.engine.advance(Duration.ofHours(1));

		assertThat(this.engine.invoker.count("/Resume")).isEqualTo(resumed);
		assertThat(this.engine.global("w1").result()).isEqualTo("b2s=");
		assertThat(this.engine.statusPath("w1")).containsExactly(GlobalStatus.PREPARED, GlobalStatus.SUCCEED);
	}

	private static TransRequest workflow(String gid, long timeoutSeconds) {
		return new TransRequest(gid, "workflow", null, null, "{\"name\":\"transfer\",\"data\":\"e30=\"}",
				"http://p/Resume", "http", false, timeoutSeconds, 0, 0, null, false, 0, 0, null, null);
	}

}
