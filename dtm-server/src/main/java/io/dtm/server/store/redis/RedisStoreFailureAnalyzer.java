package io.dtm.server.store.redis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a Redis connection or configuration error with
 * its D1002 code, the classified cause and the action.
 */
class RedisStoreFailureAnalyzer extends AbstractFailureAnalyzer<RedisConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisConfigurationException cause) {
		RedisDiagnosis diagnosis = cause.getDiagnosis();
		String description = RedisDiagnosis.CODE + " Redis configuration error: the Redis store "
				+ "(dtm.server.store.type=redis) cannot use Redis.\n\n    Cause:    " + diagnosis.problem().cause()
				+ "\n    Endpoint: " + diagnosis.endpoint() + "\n    Detail:   " + diagnosis.detail();
		return new FailureAnalysis(description, diagnosis.action(), cause);
	}

}
