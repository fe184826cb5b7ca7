package io.dtm.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.client.DtmTemplate;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.workflow.DtmWorkflows;
import io.dtm.client.workflow.WorkflowInterceptor;
import io.dtm.client.workflow.WorkflowResumeController;

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
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of dtm's workflow mode: a {@link DtmWorkflows} bean that talks to
 * the coordinator {@link DtmTemplate} uses (over HTTP), with the
 * {@link WorkflowInterceptor} beans and the {@link JdbcBarrier} (so steps can call
 * {@code barrier.call(...)}), and in a servlet application the resume endpoint
 * ({@code dtm.client.workflow.callback-path}).
 */
@AutoConfiguration(after = { DtmClientAutoConfiguration.class, DtmJdbcAutoConfiguration.class })
@ConditionalOnBean(DtmTemplate.class)
@EnableConfigurationProperties(DtmWorkflowProperties.class)
public class DtmWorkflowAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DtmWorkflows dtmWorkflows(DtmTemplate template, DtmWorkflowProperties properties,
			ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<ObjectMapper> objectMapper,
			ObjectProvider<WorkflowInterceptor> interceptors, ObjectProvider<JdbcBarrier> jdbcBarrier) {
		DtmWorkflows workflows = new DtmWorkflows(restClientBuilder.getIfAvailable(RestClient::builder).build(),
				template::getServerUrl, objectMapper.getIfAvailable(ObjectMapper::new));
		workflows.setCallbackUrl(properties.getCallbackUrl());
		jdbcBarrier.ifUnique(workflows::setJdbcBarrier);
		interceptors.orderedStream().forEach(workflows::addInterceptor);
		return workflows;
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

}
