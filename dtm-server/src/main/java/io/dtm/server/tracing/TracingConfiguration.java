package io.dtm.server.tracing;

import io.dtm.server.engine.GidCorrelation;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With a tracer (Micrometer Tracing on, {@code management.tracing.enabled}), passes and
 * branch calls carry their gid as baggage; without one, only in the MDC.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	@Bean
	GidCorrelation gidCorrelation(ObjectProvider<Tracer> tracer) {
		Tracer available = tracer.getIfAvailable(() -> Tracer.NOOP);
		return (available == Tracer.NOOP) ? GidCorrelation.LOGS : new BaggageGidCorrelation(available);
	}

}
