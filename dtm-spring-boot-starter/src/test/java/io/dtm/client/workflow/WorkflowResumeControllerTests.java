package io.dtm.client.workflow;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.DtmFailure;
import io.dtm.client.DtmOngoing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link WorkflowResumeController}: the coordinator's resume call as dtm sends
 * it (query gid, trans_type, branch_id 00, op = the workflow's name; body = the payload).
 */
class WorkflowResumeControllerTests {

	private FakeWorkflowCoordinator dtm;

	private DtmWorkflows workflows;

	private MockMvc mvc;

	@BeforeEach
	void setUp() throws Exception {
		this.dtm = new FakeWorkflowCoordinator();
		this.workflows = new DtmWorkflows(RestClient.create(), this.dtm::apiUrl, new ObjectMapper());
		this.mvc = MockMvcBuilders.standaloneSetup(new WorkflowResumeController(this.workflows)).build();
	}

	@AfterEach
	void tearDown() {
		this.dtm.close();
	}

	@Test
	void whenCoordinatorResumesShouldExecuteTheNamedWorkflowWithItsPayload() throws Exception {
		StringBuilder seen = new StringBuilder();
		this.workflows.register("pay", String.class,
				(wf, payload) -> seen.append(wf.gid()).append(' ').append(payload));

		this.mvc
			.perform(post(WorkflowResumeController.DEFAULT_PATH + "?gid=g1&trans_type=workflow&branch_id=00&op=pay")
				.contentType("application/json")
				.content("{\"amount\":30}".getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dtm_result").value("SUCCESS"));

		assertThat(seen).hasToString("g1 {\"amount\":30}");
		assertThat(this.dtm.bodies("/api/dtmsvr/submit").get(0).path("req_extra").path("status").asText())
			.isEqualTo("succeed");
	}

	@Test
	void whenPayloadIsEmptyShouldAcceptTheCoordinatorsGet() throws Exception {
		this.workflows.register("empty", String.class, (wf, payload) -> payload);
		this.mvc
			.perform(get(WorkflowResumeController.DEFAULT_PATH + "?gid=g2&trans_type=workflow&branch_id=00&op=empty"))
			.andExpect(status().isOk());
	}

	@Test
	void whenWorkflowFailsShouldAnswerFailure() throws Exception {
		this.workflows.register("refuse", (wf, payload) -> {
			throw DtmFailure.of("no");
		});
		this.mvc.perform(post(WorkflowResumeController.DEFAULT_PATH + "?gid=g3&branch_id=00&op=refuse"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.dtm_result").value("FAILURE"));
	}

	@Test
	void whenWorkflowIsUnfinishedShouldAnswerOngoing() throws Exception {
		this.workflows.register("wait", (wf, payload) -> {
			throw DtmOngoing.ongoing();
		});
		this.workflows.register("broken", (wf, payload) -> {
			throw new IllegalStateException("database down");
		});
		this.mvc.perform(post(WorkflowResumeController.DEFAULT_PATH + "?gid=g4&branch_id=00&op=wait"))
			.andExpect(status().is(425));
		this.mvc.perform(post(WorkflowResumeController.DEFAULT_PATH + "?gid=g5&branch_id=00&op=broken"))
			.andExpect(status().is(425))
			.andExpect(jsonPath("$.message").value("database down"));
		assertThat(this.dtm.requests("/api/dtmsvr/submit")).isEmpty();
	}

}
