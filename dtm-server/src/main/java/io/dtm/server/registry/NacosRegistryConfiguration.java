package io.dtm.server.registry;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.alibaba.cloud.nacos.ConditionalOnNacosDiscoveryEnabled;
import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.cloud.nacos.NacosServiceManager;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.diagnostics.DiagnosticCheck;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Nacos integration, active with {@code spring.cloud.nacos.discovery.enabled=true} (the
 * {@code nacos} profile): our own registrar (Spring Cloud's auto-registration is switched
 * off in {@code application.yml}), its health indicator, and the {@code nacos://} and
 * {@code lb://} branch URL resolvers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDiscoveryEnabled
@ConditionalOnNacosDiscoveryEnabled
class NacosRegistryConfiguration {

	@Bean
	NacosUrlResolver nacosUrlResolver(NacosServiceManager nacosServiceManager, NacosDiscoveryProperties discovery) {
		return new NacosUrlResolver(nacosServiceManager, discovery);
	}

	@Bean
	@ConditionalOnClass(LoadBalancerClient.class)
	@ConditionalOnProperty(name = "spring.cloud.loadbalancer.enabled", matchIfMissing = true)
	LoadBalancerUrlResolver loadBalancerUrlResolver(LoadBalancerClient loadBalancerClient) {
		return new LoadBalancerUrlResolver(loadBalancerClient);
	}

	/**
	 * Registration, unless {@code spring.cloud.nacos.discovery.register-enabled=false}
	 * (discovery only: resolve service URLs without registering). Bean methods rather
	 * than a nested configuration class, which component scanning would pick up on its
	 * own, without the Nacos conditions above.
	 */
	@Bean
	@ConditionalOnProperty(name = "spring.cloud.nacos.discovery.register-enabled", matchIfMissing = true)
	NacosRegistrar nacosRegistrar(NacosServiceManager nacosServiceManager, NacosDiscoveryProperties discovery,
			DtmServerProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters,
			Environment environment) {
		Map<String, String> metadata = Map.of("version", properties.getVersion(), "store-type",
				properties.getStore().getType().name().toLowerCase(Locale.ROOT));
		NacosRegistrar registrar = new NacosRegistrar(nacosServiceManager, discovery, properties.getRegistry(),
				metadata, clock, meters.getIfAvailable());
		if (environment.getProperty("spring.grpc.server.enabled", Boolean.class, true)) {
			registrar.expectGrpcServer();
		}
		return registrar;
	}

	@Bean
	@ConditionalOnProperty(name = "spring.cloud.nacos.discovery.register-enabled", matchIfMissing = true)
	ApplicationListener<GrpcServerStartedEvent> nacosGrpcPortListener(NacosRegistrar nacosRegistrar) {
		return (event) -> nacosRegistrar.grpcServerStarted(event.getPort());
	}

	@Bean
	@ConditionalOnProperty(name = "spring.cloud.nacos.discovery.register-enabled", matchIfMissing = true)
	@ConditionalOnEnabledHealthIndicator("nacos-registration")
	NacosRegistrationHealthIndicator nacosRegistrationHealthIndicator(NacosRegistrar nacosRegistrar) {
		return new NacosRegistrationHealthIndicator(nacosRegistrar);
	}

	/**
	 * The registration state as a diagnostic check of {@code /actuator/dtm} (D1003).
	 * @param nacosRegistrar the registrar
	 * @return the check
	 */
	@Bean
	@ConditionalOnProperty(name = "spring.cloud.nacos.discovery.register-enabled", matchIfMissing = true)
	DiagnosticCheck nacosRegistrationCheck(NacosRegistrar nacosRegistrar) {
		return new DiagnosticCheck() {

			@Override
			public String name() {
				return "registry";
			}

			@Override
			public Optional<Diagnosis> run() {
				RegistrationFailure failure = nacosRegistrar.status().failure();
				return Optional.ofNullable(failure).map((f) -> f.toDiagnosis(serverAddr()));
			}

			@Override
			public Diagnosis timedOut(String error) {
				return new RegistrationFailure(DiagnosticCause.REGISTRY_TIMEOUT, error).toDiagnosis(serverAddr());
			}

			private String serverAddr() {
				Object address = nacosRegistrar.target().get("serverAddr");
				return (address != null) ? address.toString() : null;
			}

		};
	}

}
