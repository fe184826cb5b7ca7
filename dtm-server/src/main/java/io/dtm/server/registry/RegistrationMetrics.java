package io.dtm.server.registry;

import io.dtm.server.registry.RegistrationStatus.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The registration meters: {@code dtm.registry.registered} (1 while registered, else 0)
 * and {@code dtm.registry.failures} (D1003 reports after the attempts were used up, by
 * cause), both tagged {@code registry=nacos}.
 */
public final class RegistrationMetrics implements RegistrationListener {

	private final MeterRegistry meters;

	private RegistrationMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Register the meters of a registration state.
	 * @param meters the meter registry
	 * @param state the state to report
	 */
	public static void bind(MeterRegistry meters, RegistrationState state) {
		Gauge.builder("dtm.registry.registered", state, (observed) -> isRegistered(observed) ? 1 : 0)
			.description("1 while the coordinator is registered in the service registry, else 0")
			.tag("registry", "nacos")
			.register(meters);
		state.addListener(new RegistrationMetrics(meters));
	}

	@Override
	public void onTransition(RegistrationTransition transition, RegistrationStatus status) {
		if (transition == RegistrationTransition.REGISTERING_TO_FAILED) {
			Counter.builder("dtm.registry.failures")
				.description(RegistrationFailure.CODE
						+ " service registration failures reported after the retries were used up")
				.tag("code", RegistrationFailure.CODE)
				.tag("cause", status.failure().cause().name())
				.tag("registry", "nacos")
				.register(this.meters)
				.increment();
		}
	}

	private static boolean isRegistered(RegistrationState state) {
		return state.current().phase() == Phase.REGISTERED;
	}

}
