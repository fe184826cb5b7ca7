package io.dtm.autoconfigure;

import io.dtm.client.DtmTemplate;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Up when the coordinator answers {@code /api/ping}; the detail names the URL used.
 */
class DtmHealthIndicator extends AbstractHealthIndicator {

	private final DtmTemplate dtmTemplate;

	DtmHealthIndicator(DtmTemplate dtmTemplate) {
		super("DTM coordinator health check failed");
		this.dtmTemplate = dtmTemplate;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String url = this.dtmTemplate.getServerUrl();
		builder.withDetail("serverUrl", url);
		this.dtmTemplate.ping();
		builder.up();
	}

}
