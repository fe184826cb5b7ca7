package io.dtm.server.api;

import java.time.Clock;

import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.OptionsCodec;

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

	@Bean
	ViewMapper viewMapper(Clock clock, OptionsCodec optionsCodec) {
		return new ViewMapper(clock, optionsCodec);
	}

}
