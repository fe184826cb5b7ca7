package io.dtm.autoconfigure;

import java.util.Map;

import io.dtm.client.DtmCoordinatorErrorException;
import io.dtm.client.DtmCoordinatorUnavailableException;
import io.dtm.client.DtmTemplate;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Coordinator reachability (D1003): UP when the coordinator answers {@code /api/ping};
 * DOWN with the D1003 cause (unreachable, answered with an error, not located) qualified
 * by the reason in words (connection refused, unknown host, timed out, HTTP 503...), the
 * URL tried and the action otherwise.
 */
class DtmHealthIndicator implements HealthIndicator {

	private static final String API_PATH = "/api/dtmsvr";

	private final DtmTemplate dtmTemplate;

	private final String property;

	DtmHealthIndicator(DtmTemplate dtmTemplate, String property) {
		this.dtmTemplate = dtmTemplate;
		this.property = property;
	}

	@Override
	public Health health() {
		String url = null;
		try {
			url = this.dtmTemplate.getServerUrl();
			this.dtmTemplate.ping();
		}
		catch (DtmCoordinatorUnavailableException ex) {
			return DiagnosisHealth.down("coordinator", unavailable(ex, url));
		}
		catch (DtmCoordinatorErrorException ex) {
			return DiagnosisHealth.down("coordinator",
					coordinator(DiagnosticCause.COORDINATOR_ERROR, base(url), ex.getMessage())
						.withReason("HTTP " + ex.getHttpStatus()));
		}
		DiagnosisHealth.recovered("coordinator");
		return Health.up().withDetail("serverUrl", url).build();
	}

	private Diagnosis unavailable(DtmCoordinatorUnavailableException ex, String url) {
		DiagnosticCause cause = (url != null) ? DiagnosticCause.COORDINATOR_UNREACHABLE
				: DiagnosticCause.COORDINATOR_NOT_LOCATED;
		return coordinator(cause, base(url), ex.getReason()).withReason(ex.getReason());
	}

	private Diagnosis coordinator(DiagnosticCause cause, String base, String error) {
		return new Diagnosis(cause, base.isEmpty() ? "" : "at " + base, this.property, error)
			.filledIn(Map.of("server-url", base));
	}

	private static String base(String apiUrl) {
		if (apiUrl == null) {
			return "";
		}
		return apiUrl.endsWith(API_PATH) ? apiUrl.substring(0, apiUrl.length() - API_PATH.length()) : apiUrl;
	}

}
