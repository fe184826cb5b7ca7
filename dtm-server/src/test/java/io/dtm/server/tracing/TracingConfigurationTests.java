package io.dtm.server.tracing;

import io.dtm.server.engine.GidCorrelation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link TracingConfiguration}: the engine observes only when there is a
 * tracer.
 */
class TracingConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TracingConfiguration.class)
		.withBean(ObservationRegistry.class, ObservationRegistry::create);

	@Test
	void whenThereIsNoTracerTheEngineShouldObserveNothingAndKeepTheGidInTheMdc() {
		this.runner.run((context) -> assertThat(context.getBean(EngineTracing.class)).isSameAs(EngineTracing.NONE));
	}

	@Test
	void whenTheTracerIsTheNoopOneTheEngineShouldObserveNothing() {
		this.runner.withBean(Tracer.class, () -> Tracer.NOOP)
			.run((context) -> assertThat(context.getBean(EngineTracing.class)).isSameAs(EngineTracing.NONE));
	}

	@Test
	void whenThereIsATracerTheEngineShouldObserveOnTheApplicationsRegistryWithGidBaggage() {
		this.runner.withBean(Tracer.class, () -> mock(Tracer.class)).run((context) -> {
			EngineTracing tracing = context.getBean(EngineTracing.class);
			assertThat(tracing.observations()).isSameAs(context.getBean(ObservationRegistry.class));
			assertThat(tracing.correlation()).isInstanceOf(BaggageGidCorrelation.class)
				.isNotSameAs(GidCorrelation.LOGS);
		});
	}

}
