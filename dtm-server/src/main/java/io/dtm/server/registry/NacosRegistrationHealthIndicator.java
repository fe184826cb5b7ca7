package io.dtm.server.registry;

import java.util.Locale;
import java.util.Map;

import io.dtm.core.diagnostics.HealthDetails;
import io.dtm.server.registry.RegistrationStatus.Phase;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Reports the Nacos registration as the {@code nacosRegistration} health component:
 * {@code UP} when registered, {@code UNKNOWN} while the first attempts run, and
 * {@code DEGRADED} with the {@link HealthDetails} of the D1003 cause (code, cause,
 * target, action, property, manual check, error) once the attempts are used up.
 * {@code DEGRADED} is not part of the status order, so it never turns the overall health,
 * liveness or readiness to DOWN: the coordinator serves its API without Nacos.
 */
public class NacosRegistrationHealthIndicator implements HealthIndicator {

	/** The status reported while D1003 is raised. */
	public static final Status DEGRADED = new Status("DEGRADED");

	private final NacosRegistrar registrar;

	public NacosRegistrationHealthIndicator(NacosRegistrar registrar) {
		this.registrar = registrar;
	}

	@Override
	public Health health() {
		RegistrationStatus status = this.registrar.status();
		Health.Builder builder = switch (status.phase()) {
			case REGISTERED -> Health.up();
			case FAILED -> Health.status(DEGRADED);
			case STOPPED -> Health.outOfService();
			case STARTING, REGISTERING -> Health.unknown();
		};
		builder.withDetail("state", status.phase().name().toLowerCase(Locale.ROOT));
		builder.withDetails(this.registrar.target());
		builder.withDetail("since", status.since().toString());
		if (status.phase() != Phase.REGISTERED && status.attempts() > 0) {
			builder.withDetail("failedAttempts", status.attempts());
		}
		if (status.lastError() != null) {
			builder.withDetail("lastError", status.lastError());
		}
		if (status.failure() != null) {
			builder.withDetails(failure(status.failure()));
		}
		if (status.warning() != null) {
			builder.withDetail("warning", failure(status.warning()));
		}
		return builder.build();
	}

	private Map<String, Object> failure(RegistrationFailure failure) {
		Object address = this.registrar.target().get("serverAddr");
		return HealthDetails.of(failure.toDiagnosis((address != null) ? address.toString() : null));
	}

}
