package io.dtm.autoconfigure;

import io.dtm.client.BranchRegistration;
import io.dtm.client.CoordinatorReply;
import io.dtm.client.CoordinatorTransport;
import io.dtm.client.workflow.DtmWorkflows;
import io.dtm.client.workflow.GrpcWorkflowCoordinator;
import io.dtm.client.workflow.WorkflowCoordinator;
import io.dtm.client.workflow.WorkflowResumeController;
import io.dtm.client.workflow.WorkflowResumeGrpcService;
import io.dtm.core.TransRequest;
import io.grpc.BindableService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DtmWorkflowAutoConfiguration}.
 */
class DtmWorkflowAutoConfigurationTests {

	private static final AutoConfigurations DTM = AutoConfigurations.of(DtmClientAutoConfiguration.class,
			DtmWorkflowAutoConfiguration.class);

	private static final AutoConfigurations DTM_GRPC = AutoConfigurations.of(DtmClientAutoConfiguration.class,
			DtmGrpcAutoConfiguration.class, DtmWorkflowAutoConfiguration.class);

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

	@Test
	void whenTransportIsHttpShouldDefineNoGrpcWorkflowBeansAndIgnoreTheGrpcCallback() {
		new ApplicationContextRunner().withConfiguration(DTM_GRPC)
			.withPropertyValues("dtm.client.server-url=http://dtm:36789",
					"dtm.client.workflow.callback-url=http://app/dtm/workflow/resume",
					"dtm.client.workflow.grpc-callback-target=app:9090")
			.run((context) -> {
				assertThat(context).hasSingleBean(DtmWorkflows.class)
					.doesNotHaveBean(WorkflowCoordinator.class)
					.doesNotHaveBean(WorkflowResumeGrpcService.class);
				assertThat(context.getBean(DtmWorkflows.class).getCallbackUrl())
					.isEqualTo("http://app/dtm/workflow/resume");
			});
	}

	@Test
	void whenTransportIsGrpcShouldReuseTheTransportAndServeTheGrpcCallback() {
		new ApplicationContextRunner().withConfiguration(DTM_GRPC)
			.withPropertyValues("dtm.client.transport=grpc", "dtm.client.grpc-target=127.0.0.1:36790",
					"dtm.client.workflow.grpc-callback-target=order-service:9090")
			.run((context) -> {
				assertThat(context).hasSingleBean(GrpcWorkflowCoordinator.class)
					.hasSingleBean(WorkflowResumeGrpcService.class)
					.hasSingleBean(DtmWorkflows.class);
				assertThat(context.getBean(WorkflowResumeGrpcService.class)).isInstanceOf(BindableService.class);
				assertThat(context.getBean(DtmWorkflows.class).getCallbackUrl())
					.isEqualTo("order-service:9090/workflow.Workflow/Execute");
			});
	}

	@Test
	void whenTransportIsGrpcWithoutAGrpcCallbackShouldSendTheHttpCallback() {
		new ApplicationContextRunner().withConfiguration(DTM_GRPC)
			.withPropertyValues("dtm.client.transport=grpc", "dtm.client.grpc-target=127.0.0.1:36790",
					"dtm.client.workflow.callback-url=http://app/dtm/workflow/resume")
			.run((context) -> assertThat(context.getBean(DtmWorkflows.class).getCallbackUrl())
				.isEqualTo("http://app/dtm/workflow/resume"));
	}

	@Test
	void whenTheWorkflowGrpcApiIsMissingShouldBackOff() {
		new ApplicationContextRunner().withConfiguration(DTM_GRPC)
			.withClassLoader(new FilteredClassLoader("io.dtm.grpc.workflow"))
			.withPropertyValues("dtm.client.transport=grpc", "dtm.client.grpc-target=127.0.0.1:36790")
			.run((context) -> assertThat(context).hasSingleBean(DtmWorkflows.class)
				.doesNotHaveBean(WorkflowCoordinator.class)
				.doesNotHaveBean(WorkflowResumeGrpcService.class));
	}

	@Test
	void whenACustomTransportReplacesTheGrpcOneShouldKeepWorkflowsOnHttp() {
		new ApplicationContextRunner().withConfiguration(DTM_GRPC)
			.withBean(CoordinatorTransport.class, NoTransport::new)
			.withPropertyValues("dtm.client.transport=grpc", "dtm.client.server-url=http://dtm:36789")
			.run((context) -> assertThat(context).hasSingleBean(DtmWorkflows.class)
				.doesNotHaveBean(WorkflowCoordinator.class));
	}

	@Test
	void grpcCallbackPathShouldBeTheServicesMethod() {
		assertThat(DtmWorkflowAutoConfiguration.GRPC_CALLBACK_PATH).isEqualTo(WorkflowResumeGrpcService.METHOD_PATH);
	}

	static class NoTransport implements CoordinatorTransport {

		@Override
		public CoordinatorReply newGid() {
			throw new UnsupportedOperationException();
		}

		@Override
		public CoordinatorReply send(String endpoint, TransRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CoordinatorReply registerBranch(BranchRegistration registration) {
			throw new UnsupportedOperationException();
		}

	}

}
