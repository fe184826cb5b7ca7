package io.dtm.server.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With a tracer (Micrometer Tracing on, {@code management.tracing.enabled}), passes and
 * branch calls are observed on the application's {@link ObservationRegistry} and carry
 * their gid as baggage; without one ({@link Tracer#NOOP}) the engine observes nothing and
 * keeps the gid in the MDC only.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	@Bean
	EngineTracing engineTracing(ObjectProvider<Tracer> tracer, ObjectProvider<ObservationRegistry> observations) {
		Tracer available = tracer.getIfAvailable(() -> Tracer.NOOP);
		if (available == Tracer.NOOP) {
			return EngineTracing.NONE;
		}
		return new EngineTracing(observations.getIfAvailable(() -> ObservationRegistry.NOOP),
				new BaggageGidCorrelation(available));
	}

}
