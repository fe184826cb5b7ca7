package io.dtm.autoconfigure;

import io.dtm.client.workflow.DtmWorkflows;
import io.dtm.client.workflow.WorkflowResumeController;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmWorkflowAutoConfiguration}.
 */
class DtmWorkflowAutoConfigurationTests {

	private static final AutoConfigurations DTM = AutoConfigurations.of(DtmClientAutoConfiguration.class,
			DtmWorkflowAutoConfiguration.class);

	@Test
	void whenServerUrlIsSetShouldProvideWorkflowsButNoEndpointOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(DTM)
			.withPropertyValues("dtm.client.server-url=http://dtm:36789")
			.run((context) -> {
				assertThat(context).hasSingleBean(DtmWorkflows.class);
				assertThat(context).doesNotHaveBean(WorkflowResumeController.class);
			});
	}

	@Test
	void whenServletApplicationShouldServeTheResumeEndpoint() {
		new WebApplicationContextRunner().withConfiguration(DTM)
			.withPropertyValues("dtm.client.server-url=http://dtm:36789",
					"dtm.client.workflow.callback-url=http://app/dtm/workflow/resume")
			.run((context) -> {
				assertThat(context).hasSingleBean(WorkflowResumeController.class);
				assertThat(context.getBean(DtmWorkflowProperties.class).getCallbackUrl())
					.isEqualTo("http://app/dtm/workflow/resume");
			});
	}

	@Test
	void whenWebSupportIsDisabledShouldNotServeTheResumeEndpoint() {
		new WebApplicationContextRunner().withConfiguration(DTM)
			.withPropertyValues("dtm.client.server-url=http://dtm:36789", "dtm.client.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowResumeController.class));
	}

}
