package io.dtm.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code spring.datasource.url} names a MySQL-compatible database, the only
 * kind the XA participant helper speaks to.
 */
class OnMySqlDataSourceCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty("spring.datasource.url", "");
		return (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"))
				? ConditionOutcome.match("spring.datasource.url is MySQL-compatible")
				: ConditionOutcome.noMatch("spring.datasource.url is not a jdbc:mysql: or jdbc:mariadb: URL");
	}

}
