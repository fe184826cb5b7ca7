package io.dtm.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.DtmTemplate;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.grpc.GrpcCoordinatorTransport;
import io.dtm.client.workflow.DtmWorkflows;
import io.dtm.client.workflow.HttpWorkflowCoordinator;
import io.dtm.client.workflow.GrpcWorkflowCoordinator;
import io.dtm.client.workflow.WorkflowCoordinator;
import io.dtm.client.workflow.WorkflowInterceptor;
import io.dtm.client.workflow.WorkflowResumeController;
import io.dtm.client.workflow.WorkflowResumeGrpcService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of dtm's workflow mode: a {@link DtmWorkflows} bean that talks to
 * the coordinator {@link DtmTemplate} uses, with the {@link WorkflowInterceptor} beans
 * and the {@link JdbcBarrier} (so steps can call {@code barrier.call(...)}). Over HTTP by
 * default, with the resume endpoint in a servlet application
 * ({@code dtm.client.workflow.callback-path}); with {@code dtm.client.transport=grpc},
 * over the {@link GrpcCoordinatorTransport}'s channel (a custom transport bean leaves
 * workflows on HTTP), with the {@code workflow.Workflow/Execute} service for the
 * application's gRPC server and {@code dtm.client.workflow.grpc-callback-target} as the
 * callback.
 */
@AutoConfiguration(
		after = { DtmClientAutoConfiguration.class, DtmGrpcAutoConfiguration.class, DtmJdbcAutoConfiguration.class })
@ConditionalOnBean(DtmTemplate.class)
@EnableConfigurationProperties({ DtmClientProperties.class, DtmWorkflowProperties.class })
public class DtmWorkflowAutoConfiguration {

	/** The path of dtm's gRPC workflow callback after the application's host:port. */
	static final String GRPC_CALLBACK_PATH = "/workflow.Workflow/Execute";

	@Bean
	@ConditionalOnMissingBean
	DtmWorkflows dtmWorkflows(DtmTemplate template, DtmClientProperties client, DtmWorkflowProperties properties,
			ObjectProvider<WorkflowCoordinator> coordinator, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ObjectMapper> objectMapper, ObjectProvider<WorkflowInterceptor> interceptors,
			ObjectProvider<JdbcBarrier> jdbcBarrier) {
		RestClient rest = DtmClientAutoConfiguration.restClient(client,
				restClientBuilder.getIfAvailable(RestClient::builder));
		ObjectMapper mapper = objectMapper.getIfAvailable(ObjectMapper::new);
		WorkflowCoordinator calls = coordinator.getIfAvailable();
		if (calls == null) {
			// the token goes to the coordinator only, never to the workflow's branches
			calls = new HttpWorkflowCoordinator(DtmClientAutoConfiguration.coordinatorRestClient(client,
					restClientBuilder.getIfAvailable(RestClient::builder)), template::getServerUrl);
		}
		DtmWorkflows workflows = new DtmWorkflows(calls, rest, mapper);
		workflows.setCallbackUrl(callbackUrl(calls, properties));
		if (client.getReadTimeout() != null && !client.getReadTimeout().isNegative()
				&& !client.getReadTimeout().isZero()) {
			workflows.setGrpcTimeout(client.getReadTimeout());
		}
		jdbcBarrier.ifUnique(workflows::setJdbcBarrier);
		interceptors.orderedStream().forEach(workflows::addInterceptor);
		return workflows;
	}

	/**
	 * The gRPC callback when workflows really reach the coordinator over gRPC (the
	 * coordinator then calls a gRPC callback over gRPC) and one is set, else the HTTP
	 * one.
	 */
	private static String callbackUrl(WorkflowCoordinator calls, DtmWorkflowProperties properties) {
		String grpcTarget = properties.getGrpcCallbackTarget();
		if (calls instanceof GrpcWorkflowCoordinator && StringUtils.hasText(grpcTarget)) {
			return grpcTarget.strip() + GRPC_CALLBACK_PATH;
		}
		return properties.getCallbackUrl();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(WebMvcConfigurer.class)
	@ConditionalOnProperty(prefix = "dtm.client.web", name = "enabled", matchIfMissing = true)
	static class ResumeEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WorkflowResumeController dtmWorkflowResumeController(DtmWorkflows workflows) {
			return new WorkflowResumeController(workflows);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.dtm.grpc.workflow.WorkflowGrpc", "io.grpc.ManagedChannelBuilder" })
	@ConditionalOnProperty(prefix = "dtm.client", name = "transport", havingValue = "grpc")
	static class GrpcConfiguration {

		@Bean
		@ConditionalOnBean(GrpcCoordinatorTransport.class)
		@ConditionalOnMissingBean(WorkflowCoordinator.class)
		GrpcWorkflowCoordinator dtmGrpcWorkflowCoordinator(GrpcCoordinatorTransport transport) {
			return GrpcWorkflowCoordinator.of(transport);
		}

		@Bean
		@ConditionalOnMissingBean
		WorkflowResumeGrpcService dtmWorkflowResumeGrpcService(DtmWorkflows workflows) {
			return new WorkflowResumeGrpcService(workflows);
		}

	}

}
