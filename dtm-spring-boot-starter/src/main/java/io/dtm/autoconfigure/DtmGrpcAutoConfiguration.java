package io.dtm.autoconfigure;

import io.dtm.client.CoordinatorTransport;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.grpc.DtmGrpcServerInterceptor;
import io.dtm.client.grpc.GrpcCoordinatorChannelCustomizer;
import io.dtm.client.grpc.GrpcCoordinatorTransport;
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * gRPC support, when grpc-java is on the classpath: the {@link DtmGrpcServerInterceptor}
 * for gRPC branch handlers (a Spring gRPC global interceptor when Spring gRPC is there),
 * and, with {@code dtm.client.transport=grpc}, the {@link GrpcCoordinatorTransport} that
 * {@code DtmTemplate} sends its transaction calls through (observed, so that the current
 * trace goes on to the coordinator, when there is an {@link ObservationRegistry}).
 */
@AutoConfiguration(after = DtmJdbcAutoConfiguration.class)
@ConditionalOnClass(ServerInterceptor.class)
@EnableConfigurationProperties(DtmClientProperties.class)
public class DtmGrpcAutoConfiguration {

	private static DtmGrpcServerInterceptor interceptor(ObjectProvider<JdbcBarrier> jdbcBarrier) {
		return new DtmGrpcServerInterceptor(jdbcBarrier::getIfUnique);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.grpc.server.GlobalServerInterceptor")
	static class SpringGrpcInterceptorConfiguration {

		@Bean
		@GlobalServerInterceptor
		@ConditionalOnMissingBean
		DtmGrpcServerInterceptor dtmGrpcServerInterceptor(ObjectProvider<JdbcBarrier> jdbcBarrier) {
			return interceptor(jdbcBarrier);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.grpc.server.GlobalServerInterceptor")
	static class PlainInterceptorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DtmGrpcServerInterceptor dtmGrpcServerInterceptor(ObjectProvider<JdbcBarrier> jdbcBarrier) {
			return interceptor(jdbcBarrier);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.dtm.grpc.DtmGrpc", "io.grpc.ManagedChannelBuilder" })
	@ConditionalOnProperty(prefix = "dtm.client", name = "transport", havingValue = "grpc")
	static class TransportConfiguration {

		@Bean
		@ConditionalOnMissingBean(CoordinatorTransport.class)
		GrpcCoordinatorTransport dtmGrpcCoordinatorTransport(DtmClientProperties properties,
				ObjectProvider<GrpcCoordinatorChannelCustomizer> customizers) {
			String target = properties.getGrpcTarget();
			if (target == null || target.isBlank()) {
				throw new IllegalStateException("dtm.client.transport=grpc needs dtm.client.grpc-target, the "
						+ "coordinator's gRPC address (for example localhost:36790)");
			}
			return GrpcCoordinatorTransport.forTarget(target.strip(), properties.getReadTimeout(),
					properties.getApiToken(),
					(builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(builder)));
		}

	}

	/**
	 * With Micrometer's observation API and its gRPC binder on the classpath and an
	 * {@link ObservationRegistry} (Spring Boot Actuator), the coordinator calls of the
	 * gRPC transport are observed, so the current trace context (the participant's
	 * incoming request) travels to the coordinator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.dtm.grpc.DtmGrpc", "io.grpc.ManagedChannelBuilder",
			"io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor",
			"io.micrometer.observation.ObservationRegistry" })
	@ConditionalOnProperty(prefix = "dtm.client", name = "transport", havingValue = "grpc")
	static class TransportObservationConfiguration {

		@Bean
		GrpcCoordinatorChannelCustomizer dtmGrpcCoordinatorObservation(ObjectProvider<ObservationRegistry> registry) {
			return (builder) -> registry
				.ifAvailable((observations) -> builder.intercept(new ObservationGrpcClientInterceptor(observations)));
		}

	}

}
