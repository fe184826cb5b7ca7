package io.dtm.autoconfigure;

import java.util.List;

import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.web.BranchBarrierArgumentResolver;
import io.dtm.client.web.DtmExceptionHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Participant web support in a servlet application: {@code BranchBarrier} controller
 * parameters and the {@code DtmFailure} → 409, {@code DtmOngoing} → 425 mapping.
 */
@AutoConfiguration(after = DtmJdbcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnProperty(prefix = "dtm.client.web", name = "enabled", matchIfMissing = true)
public class DtmWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BranchBarrierArgumentResolver dtmBranchBarrierArgumentResolver(ObjectProvider<JdbcBarrier> jdbcBarrier) {
		return new BranchBarrierArgumentResolver(jdbcBarrier);
	}

	@Bean
	@ConditionalOnMissingBean
	DtmExceptionHandler dtmBranchExceptionHandler() {
		return new DtmExceptionHandler();
	}

	@Bean
	WebMvcConfigurer dtmWebMvcConfigurer(BranchBarrierArgumentResolver resolver) {
		return new WebMvcConfigurer() {

			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(resolver);
			}

		};
	}

}
