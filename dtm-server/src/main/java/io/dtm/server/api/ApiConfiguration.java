package io.dtm.server.api;

import java.time.Clock;

import io.dtm.server.store.OptionsCodec;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
	ViewMapper viewMapper(Clock clock, OptionsCodec optionsCodec) {
		return new ViewMapper(clock, optionsCodec);
	}

}
