package io.dtm.core.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The details of a DOWN health component, the same on the coordinator and in participant
 * apps: {@code code}, {@code cause}, {@code target}, {@code action}, {@code property},
 * {@code manualCheck} and {@code error}. Each side's health indicator is a thin adapter
 * that puts these into its framework's health answer.
 */
public final class HealthDetails {

	private HealthDetails() {
	}

	/**
	 * The details of a diagnosis, in that order; absent values are empty strings.
	 * @param diagnosis the diagnosis
	 * @return the details
	 */
	public static Map<String, Object> of(Diagnosis diagnosis) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", diagnosis.code().name());
		details.put("cause", diagnosis.causeText());
		details.put("target", diagnosis.target());
		details.put("action", diagnosis.action());
		details.put("property", (diagnosis.property() != null) ? diagnosis.property() : "");
		details.put("manualCheck", diagnosis.manualCheck());
		details.put("error", diagnosis.error());
		return details;
	}

}
