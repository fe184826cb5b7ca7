package io.dtm.autoconfigure;

import io.dtm.client.DtmTemplate;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Health of the coordinator connection ({@code dtm} indicator) when Actuator is present;
 * disable it with {@code management.health.dtm.enabled=false}.
 */
@AutoConfiguration(after = DtmClientAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DtmTemplate.class)
@ConditionalOnEnabledHealthIndicator("dtm")
public class DtmHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "dtmHealthIndicator")
	DtmHealthIndicator dtmHealthIndicator(DtmTemplate dtmTemplate) {
		return new DtmHealthIndicator(dtmTemplate);
	}

}
