package io.dtm.autoconfigure;

import io.dtm.client.DtmTemplate;
import io.dtm.core.Diagnosis;
import io.dtm.core.DiagnosticCause;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Coordinator reachability (D1003): UP when the coordinator answers {@code /api/ping};
 * DOWN with the D1003 code, cause and action otherwise.
 */
class DtmHealthIndicator implements HealthIndicator {

	private final DtmTemplate dtmTemplate;

	private final String property;

	DtmHealthIndicator(DtmTemplate dtmTemplate, String property) {
		this.dtmTemplate = dtmTemplate;
		this.property = property;
	}

	@Override
	public Health health() {
		String url;
		try {
			url = this.dtmTemplate.getServerUrl();
			this.dtmTemplate.ping();
		}
		catch (RuntimeException ex) {
			return DiagnosisHealth.down("coordinator",
					new Diagnosis(classify(ex), "at " + describeTarget(), this.property, rootMessage(ex)));
		}
		DiagnosisHealth.recovered("coordinator");
		return Health.up().withDetail("serverUrl", url).build();
	}

	private String describeTarget() {
		try {
			return this.dtmTemplate.getServerUrl();
		}
		catch (RuntimeException ex) {
			return this.property;
		}
	}

	private static DiagnosticCause classify(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
				return DiagnosticCause.REGISTRY_TIMEOUT;
			}
		}
		return DiagnosticCause.COORDINATOR_UNREACHABLE;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf((root.getMessage() != null) ? root.getMessage() : root);
	}

}
