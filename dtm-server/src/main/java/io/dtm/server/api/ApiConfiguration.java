package io.dtm.server.api;

import java.time.Clock;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.OptionsCodec;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Beans of the HTTP layer.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

	@Bean
	FilterRegistrationBean<JsonBodyFilter> dtmJsonBodyFilter() {
		FilterRegistrationBean<JsonBodyFilter> registration = new FilterRegistrationBean<>(new JsonBodyFilter());
		registration.addUrlPatterns("/api/dtmsvr/*");
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> dtmRequestSizeLimitFilter(DtmServerProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.getLimits().getMaxRequestBytes()));
		registration.addUrlPatterns("/api/dtmsvr/*", "/api/json-rpc");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

	/**
	 * The deepest JSON nesting the coordinator reads
	 * ({@code dtm.server.limits.max-json-depth}); deeper request bodies get 400.
	 * @param properties the limits
	 * @return the customizer of Spring's ObjectMapper
	 */
	@Bean
	Jackson2ObjectMapperBuilderCustomizer dtmJsonDepthLimit(DtmServerProperties properties) {
		int depth = properties.getLimits().getMaxJsonDepth();
		return (builder) -> builder.postConfigurer((mapper) -> mapper.getFactory()
			.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(depth).build()));
	}

	@Bean
	ViewMapper viewMapper(Clock clock, OptionsCodec optionsCodec) {
		return new ViewMapper(clock, optionsCodec);
	}

}
