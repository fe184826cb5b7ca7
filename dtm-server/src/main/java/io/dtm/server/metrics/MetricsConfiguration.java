package io.dtm.server.metrics;

import io.dtm.server.config.DtmServerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the engine and cron metrics and the API metrics filter on the application's
 * {@link MeterRegistry}.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	MicrometerEngineMetrics engineMetrics(MeterRegistry registry, DtmServerProperties properties) {
		return new MicrometerEngineMetrics(registry, properties.getMetrics().isBranchIdLabel());
	}

	@Bean
	MicrometerCronMetrics cronMetrics(MeterRegistry registry) {
		return new MicrometerCronMetrics(registry, System::nanoTime);
	}

	@Bean
	MeterRegistryCustomizer<PrometheusMeterRegistry> dtmPrometheusNames() {
		return (registry) -> registry.config()
			.namingConvention(new DtmMetricNames(registry.config().namingConvention()));
	}

	@Bean
	FilterRegistrationBean<ApiMetricsFilter> apiMetricsFilter(MeterRegistry registry) {
		FilterRegistrationBean<ApiMetricsFilter> registration = new FilterRegistrationBean<>(
				new ApiMetricsFilter(registry));
		registration.addUrlPatterns("/api/dtmsvr/*", ApiMetricsFilter.JSON_RPC);
		return registration;
	}

}
