package io.dtm.server.store.redis;

import io.dtm.core.diagnostics.Diagnosis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a Redis connection or configuration error with
 * its D1002 code, the classified cause, the action and the manual check.
 */
class RedisStoreFailureAnalyzer extends AbstractFailureAnalyzer<RedisConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisConfigurationException cause) {
		Diagnosis diagnosis = cause.getDiagnosis();
		String description = diagnosis.code() + " " + diagnosis.code().title() + ": the Redis store "
				+ "(dtm.server.store.type=redis) cannot use Redis.\n\n    Cause:    " + diagnosis.causeText()
				+ "\n    Target:   " + diagnosis.target() + "\n    Detail:   " + diagnosis.error();
		return new FailureAnalysis(description, diagnosis.action() + "\nCheck: " + diagnosis.manualCheck(), cause);
	}

}
