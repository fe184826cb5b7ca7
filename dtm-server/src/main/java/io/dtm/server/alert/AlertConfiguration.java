package io.dtm.server.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.config.DtmServerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The alert webhook, when {@code dtm.server.alert.webhook-url} is set: a
 * {@link WebhookAlertSender} the worker hands its retry alerts to.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnAlertWebhookCondition.class)
class AlertConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AlertConfiguration.class);

	@Bean(destroyMethod = "close")
	WebhookAlertSender webhookAlertSender(DtmServerProperties properties, ObjectMapper objectMapper,
			MeterRegistry registry) {
		DtmServerProperties.Alert alert = properties.getAlert();
		URI webhook = webhook(alert.getWebhookUrl().trim());
		warnIfUnreachable(properties);
		logger.info("alert webhook {}: alerts at retry count {}{}", webhook, alert.getRetryLimit(),
				alert.isEveryRetry() ? " and every retry after it" : "");
		return new WebhookAlertSender(webhook, alert.getTimeout(), objectMapper, WebhookAlertSender.boundedExecutor(),
				registry);
	}

	private static URI webhook(String url) {
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new IllegalStateException(
				OnAlertWebhookCondition.PROPERTY + " must be an absolute http or https URL, was '" + url + "'");
	}

	/**
	 * The retry count is log2(interval / base interval) and the interval stops doubling
	 * at max-retry-interval: say so when the server's own settings never reach the limit.
	 */
	private static void warnIfUnreachable(DtmServerProperties properties) {
		long base = Math.max(1, properties.getRetryInterval().toSeconds());
		long cap = properties.getMaxRetryInterval().toSeconds();
		int limit = properties.getAlert().getRetryLimit();
		if (limit >= 62 || base * (1L << limit) > cap) {
			logger.warn(
					"dtm.server.alert.retry-limit {} is never reached with retry-interval {} and "
							+ "max-retry-interval {}: the back-off stops doubling first",
					limit, Duration.ofSeconds(base), Duration.ofSeconds(cap));
		}
	}

}
