package io.dtm.server.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.DiagnosticCode;

/**
 * A classified D1003 condition of the Nacos registration: a registry cause of the shared
 * catalogue and what was observed.
 *
 * @param cause the classified cause, a {@code REGISTRY_*} one of D1003
 * @param detail what was observed (probe results, the registry's message)
 */
public record RegistrationFailure(DiagnosticCause cause, String detail) {

	/** The diagnostic code of every registration failure. */
	public static final String CODE = DiagnosticCode.D1003.name();

	/**
	 * One line for the log: code, cause, action and what was observed.
	 * @return the line
	 */
	public String describe() {
		return toDiagnosis("").messageWithError();
	}

	/**
	 * This failure as a diagnosis for health details and {@code /actuator/dtm}.
	 * @param serverAddr the configured registry address
	 * ({@code spring.cloud.nacos.discovery.server-addr}), may be {@code null}
	 * @return the diagnosis, with the first registry address in its manual check
	 */
	public Diagnosis toDiagnosis(String serverAddr) {
		String target = (serverAddr != null && !serverAddr.isBlank()) ? "at " + serverAddr : "";
		return new Diagnosis(this.cause, target, null, this.detail).filledIn(values(serverAddr));
	}

	private static Map<String, String> values(String serverAddr) {
		Map<String, String> values = new HashMap<>();
		List<RegistryProbe.Address> addresses = RegistryProbe.parse(serverAddr);
		if (!addresses.isEmpty()) {
			RegistryProbe.Address first = addresses.get(0);
			values.put("server-addr", first.host() + ":" + first.port());
			values.put("host", first.host());
			values.put("port", String.valueOf(first.port()));
			values.put("grpc-port", String.valueOf(first.port() + 1000));
		}
		return values;
	}

}
