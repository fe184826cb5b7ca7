package io.dtm.server.alert;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code dtm.server.alert.webhook-url} is set to something other than blank
 * (an empty value, as the Helm chart may render it, means off).
 */
class OnAlertWebhookCondition extends SpringBootCondition {

	static final String PROPERTY = "dtm.server.alert.webhook-url";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty(PROPERTY);
		return StringUtils.hasText(url) ? ConditionOutcome.match(PROPERTY + " is set")
				: ConditionOutcome.noMatch(PROPERTY + " is empty: alerts are off");
	}

}
