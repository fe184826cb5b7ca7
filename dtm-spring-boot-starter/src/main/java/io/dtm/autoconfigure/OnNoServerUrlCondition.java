package io.dtm.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code dtm.client.server-url} is not set, so an explicit URL wins over
 * discovery.
 */
class OnNoServerUrlCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty("dtm.client.server-url");
		return StringUtils.hasText(url) ? ConditionOutcome.noMatch("dtm.client.server-url is set")
				: ConditionOutcome.match("dtm.client.server-url is not set");
	}

}
