package io.dtm.server.registry;

import java.time.Clock;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.cloud.nacos.NacosServiceManager;
import io.dtm.server.config.DtmServerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link NacosRegistryConfiguration}.
 */
class NacosRegistryConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(NacosRegistryConfiguration.class)
		.withBean(NacosServiceManager.class, () -> mock(NacosServiceManager.class))
		.withInitializer((context) -> context.getBeanFactory()
			.registerSingleton("nacosDiscoveryProperties", mock(NacosDiscoveryProperties.class)))
		.withBean(LoadBalancerClient.class, () -> mock(LoadBalancerClient.class))
		.withBean(DtmServerProperties.class, DtmServerProperties::new)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void whenNacosDiscoveryIsDisabledShouldCreateNothing() {
		this.runner.withPropertyValues("spring.cloud.nacos.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NacosRegistrar.class)
				.doesNotHaveBean(NacosUrlResolver.class)
				.doesNotHaveBean(LoadBalancerUrlResolver.class));
	}

	@Test
	void whenNacosDiscoveryIsEnabledShouldRegisterAndResolve() {
		this.runner.withPropertyValues("spring.cloud.nacos.discovery.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(NacosRegistrar.class)
				.hasSingleBean(NacosRegistrationHealthIndicator.class)
				.hasSingleBean(NacosUrlResolver.class)
				.hasSingleBean(LoadBalancerUrlResolver.class));
	}

	@Test
	void whenRegistrationIsDisabledShouldOnlyResolve() {
		this.runner
			.withPropertyValues("spring.cloud.nacos.discovery.enabled=true",
					"spring.cloud.nacos.discovery.register-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NacosRegistrar.class)
				.doesNotHaveBean(NacosRegistrationHealthIndicator.class)
				.hasSingleBean(NacosUrlResolver.class));
	}

}
