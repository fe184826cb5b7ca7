package io.dtm.server.metrics;

import java.time.Clock;

import java.util.Set;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.engine.BranchCallConvention;
import io.dtm.server.engine.PassObservation;
import io.dtm.server.store.TransStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
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

	/**
	 * The observations of branch calls and passes are there for tracing: the timers an
	 * observation handler would make of them repeat what dtm's metrics count
	 * ({@code dtm_branch_process_total}, {@code dtm_transaction_process_total}), so none
	 * is registered and the metrics stay dtm's.
	 * @return the filter
	 */
	@Bean
	MeterFilter dtmObservationMeters() {
		Set<String> names = Set.of(BranchCallConvention.NAME, BranchCallConvention.NAME + ".active",
				PassObservation.NAME, PassObservation.NAME + ".active");
		return MeterFilter.deny((id) -> names.contains(id.getName()));
	}

	@Bean
	MicrometerCronMetrics cronMetrics(MeterRegistry registry) {
		return new MicrometerCronMetrics(registry, System::nanoTime);
	}

	@Bean
	OverdueSampler overdueSampler(TransStore store, Clock clock, DtmServerProperties properties,
			MeterRegistry registry) {
		return new OverdueSampler(store, clock, properties.getMetrics().getOverdueAfter(),
				properties.getMetrics().getOverdueInterval(), registry);
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
