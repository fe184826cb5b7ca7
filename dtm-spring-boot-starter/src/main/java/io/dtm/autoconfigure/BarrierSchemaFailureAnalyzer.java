package io.dtm.autoconfigure;

import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticClassifier;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why the barrier table could not be created at start-up: the D1001 cause
 * (authentication failed, connection refused, unknown database…) with the target and the
 * property to change, as the {@code dtmBarrierDataSource} health indicator reports it.
 */
class BarrierSchemaFailureAnalyzer extends AbstractFailureAnalyzer<BarrierSchemaException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BarrierSchemaException cause) {
		Optional<Diagnosis> diagnosis = new DiagnosticClassifier(cause.getDataSource())
			.classifyDatabase(cause.getCause());
		if (diagnosis.isEmpty()) {
			return new FailureAnalysis(
					"The barrier table '" + cause.getTableName() + "' could not be created at start-up "
							+ "(dtm.client.barrier.initialize-schema=true): " + cause.getCause().getMessage(),
					"Check spring.datasource.* and the database log, or set dtm.client.barrier.initialize-schema="
							+ "false and create the table with io/dtm/client/barrier/schema-<dialect>.sql.",
					cause);
		}
		Diagnosis d = diagnosis.get();
		return new FailureAnalysis(
				d.code() + " " + d.code().title() + ": " + d.causeText() + " " + d.target() + ", so the barrier table '"
						+ cause.getTableName() + "' could not be created at start-up "
						+ "(dtm.client.barrier.initialize-schema=true). Error: " + d.error(),
				"Change " + d.property() + ": " + d.action() + ". Check by hand with: " + d.manualCheck(), cause);
	}

}
