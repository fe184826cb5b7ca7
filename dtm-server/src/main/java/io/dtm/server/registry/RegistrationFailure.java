package io.dtm.server.registry;

import io.dtm.core.Diagnosis;
import io.dtm.core.DiagnosticCause;
import io.dtm.core.DiagnosticCode;

/**
 * A classified D1003 condition.
 *
 * @param cause the classified cause
 * @param detail what was observed (probe results, the registry's message)
 */
public record RegistrationFailure(RegistrationFailureCause cause, String detail) {

	/** The diagnostic code of every registration failure. */
	public static final String CODE = DiagnosticCode.D1003.name();

	/**
	 * One line for the log: code, cause, detail and action.
	 * @return the line
	 */
	public String describe() {
		return CODE + " service registration failure: " + this.cause.description() + " (" + this.cause + "): "
				+ this.detail + ". Action: " + this.cause.action();
	}

	/**
	 * This failure in the shared D-code catalogue (what the health details,
	 * {@code /actuator/dtm} and the docs use); the registry-specific description and
	 * action stay in the error text.
	 * @param target where Nacos was expected, e.g. {@code at 127.0.0.1:8848}
	 * @return the diagnosis
	 */
	public Diagnosis toDiagnosis(String target) {
		DiagnosticCause shared = switch (this.cause) {
			case UNKNOWN_HOST, CONNECTION_REFUSED, GRPC_PORT_UNREACHABLE -> DiagnosticCause.REGISTRY_UNREACHABLE;
			case TIMEOUT -> DiagnosticCause.REGISTRY_TIMEOUT;
			case AUTH_FAILED -> DiagnosticCause.REGISTRY_AUTH_FAILED;
			case NAMESPACE_MISSING -> DiagnosticCause.REGISTRY_NAMESPACE_MISSING;
			case HEARTBEAT_LOST -> DiagnosticCause.REGISTRY_HEARTBEAT_LOST;
			case UNREACHABLE_INSTANCE_ADDRESS -> DiagnosticCause.REGISTRY_UNREACHABLE_ADDRESS;
			case REGISTRY_ERROR, UNKNOWN -> DiagnosticCause.REGISTRY_OTHER;
		};
		return new Diagnosis(shared, target, null,
				this.cause.description() + ": " + this.detail + " — " + this.cause.action());
	}

}
