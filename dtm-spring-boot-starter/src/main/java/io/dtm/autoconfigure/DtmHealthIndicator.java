package io.dtm.autoconfigure;

import io.dtm.client.DtmCoordinatorErrorException;
import io.dtm.client.DtmCoordinatorUnavailableException;
import io.dtm.client.DtmTemplate;
import io.dtm.core.DiagnosticCode;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Coordinator reachability (D1003): UP when the coordinator answers {@code /api/ping};
 * DOWN with the D1003 code, the cause in words (connection refused, unknown host, timed
 * out, an error answer, not found in discovery), the URL tried and the action otherwise.
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
			String base = base(url);
			return DiagnosisHealth.down("coordinator",
					new HealthReport(DiagnosticCode.D1003,
							"coordinator answered /api/ping with HTTP " + ex.getHttpStatus(), "at " + base,
							"check the coordinator's log and its /actuator/health", this.property,
							ManualChecks.coordinator(base), ex.getMessage()));
		}
		DiagnosisHealth.recovered("coordinator");
		return Health.up().withDetail("serverUrl", url).build();
	}

	private HealthReport unavailable(DtmCoordinatorUnavailableException ex, String url) {
		if (url == null) {
			String action = "dtm.client.service-name".equals(this.property)
					? "start the coordinator so that it registers under dtm.client.service-name, or fix "
							+ "dtm.client.service-name or the discovery client settings"
					: "set dtm.client.server-url to the coordinator's URL, e.g. http://localhost:36789";
			return new HealthReport(DiagnosticCode.D1003, "coordinator not located: " + ex.getReason(), "", action,
					this.property, "check the registry for the coordinator's service", ex.getReason());
		}
		String base = base(url);
		return new HealthReport(DiagnosticCode.D1003, "coordinator unreachable: " + ex.getReason(), "at " + base,
				"start the coordinator at " + base + " or fix " + this.property, this.property,
				ManualChecks.coordinator(base), ex.getReason());
	}

	private static String base(String apiUrl) {
		if (apiUrl == null) {
			return "";
		}
		return apiUrl.endsWith(API_PATH) ? apiUrl.substring(0, apiUrl.length() - API_PATH.length()) : apiUrl;
	}

}
