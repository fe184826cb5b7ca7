package io.dtm.server.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.AlertSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AlertConfiguration}: the webhook sender exists only when a URL is set,
 * and a URL that is not absolute http(s) stops start-up.
 */
class AlertConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Infrastructure.class, AlertConfiguration.class);

	@Test
	void whenNoWebhookUrlIsSetShouldCreateNoSender() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AlertSender.class));
	}

	@Test
	void whenTheWebhookUrlIsEmptyShouldCreateNoSender() {
		this.runner.withPropertyValues("dtm.server.alert.webhook-url= ")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AlertSender.class));
	}

	@Test
	void whenAWebhookUrlIsSetShouldCreateTheSenderAndItsCounters() {
		this.runner.withPropertyValues("dtm.server.alert.webhook-url=http://127.0.0.1:8080/dtm-hook").run((context) -> {
			assertThat(context).hasSingleBean(WebhookAlertSender.class);
			assertThat(context.getBean(MeterRegistry.class).find("dtm.alert").counters()).hasSize(3);
		});
	}

	@Test
	void whenTheWebhookUrlIsNotAnAbsoluteHttpUrlStartUpShouldFailNamingTheKey() {
		this.runner.withPropertyValues("dtm.server.alert.webhook-url=localhost:8080/dtm-hook")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dtm.server.alert.webhook-url must be an absolute http or https URL"));
	}

	@Test
	void whenTheRetryLimitIsBelowOneStartUpShouldFail() {
		this.runner
			.withPropertyValues("dtm.server.alert.webhook-url=http://127.0.0.1:8080/dtm-hook",
					"dtm.server.alert.retry-limit=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DtmServerProperties.class)
	static class Infrastructure {

		@Bean
		ObjectMapper objectMapper() {
			return new ObjectMapper();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
