package io.dtm.autoconfigure;

import io.dtm.client.DtmConnectionDetails;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Locates the coordinator through Spring Cloud service discovery (Nacos, Consul, a simple
 * discovery client…) when {@code dtm.client.service-name} is set, a
 * {@link DiscoveryClient} bean exists and {@code dtm.client.server-url} is not set.
 */
@AutoConfiguration(before = DtmClientAutoConfiguration.class,
		afterName = { "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
				"org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
				"com.alibaba.cloud.nacos.discovery.NacosDiscoveryAutoConfiguration",
				"com.alibaba.cloud.nacos.discovery.NacosDiscoveryClientConfiguration" })
@ConditionalOnClass(DiscoveryClient.class)
@EnableConfigurationProperties(DtmClientProperties.class)
@ConditionalOnProperty(prefix = "dtm.client", name = "service-name")
@Conditional(OnNoServerUrlCondition.class)
public class DtmDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(DtmConnectionDetails.class)
	@ConditionalOnBean(DiscoveryClient.class)
	DiscoveryDtmConnectionDetails dtmConnectionDetails(DiscoveryClient discoveryClient,
			DtmClientProperties properties) {
		return new DiscoveryDtmConnectionDetails(discoveryClient, properties.getServiceName());
	}

}
