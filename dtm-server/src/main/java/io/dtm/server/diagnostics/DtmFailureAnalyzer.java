package io.dtm.server.diagnostics;

import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticClassifier;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Reports start-up failures with their D-code: the code and cause as the description, the
 * property to fix and the manual check to run as the action.
 */
public class DtmFailureAnalyzer implements FailureAnalyzer, Ordered {

	private final Environment environment;

	public DtmFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		return diagnose(failure)
			.map((diagnosis) -> new FailureAnalysis(describe(diagnosis), action(diagnosis), failure))
			.orElse(null);
	}

	private Optional<Diagnosis> diagnose(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof DataDirectoryException dir) {
				return Optional.of(dir.getDiagnosis());
			}
		}
		if (this.environment == null) {
			return Optional.empty();
		}
		return new DiagnosticClassifier(DataSources.target(this.environment)).classifyDatabase(failure);
	}

	private static String describe(Diagnosis diagnosis) {
		return diagnosis.code() + " " + diagnosis.code().title() + ": " + diagnosis.causeText() + " "
				+ diagnosis.target()
				+ ((diagnosis.error().isEmpty()) ? "" : "\n\nUnderlying error: " + diagnosis.error());
	}

	private static String action(Diagnosis diagnosis) {
		return diagnosis.action() + ((diagnosis.property() != null) ? "\nProperty: " + diagnosis.property() : "")
				+ "\nCheck: " + diagnosis.manualCheck();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
