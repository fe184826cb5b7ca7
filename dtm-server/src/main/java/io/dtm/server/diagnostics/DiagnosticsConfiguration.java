package io.dtm.server.diagnostics;

import java.util.List;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.DiagnosticClassifier;
import io.dtm.server.store.TransStore;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the D1001/D1004 checks, the time-bounded runner that health and
 * {@code /actuator/dtm} run them through, their health indicators, the
 * {@code /actuator/dtm} endpoint and the start-up data-directory verification.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiagnosticsProperties.class)
public class DiagnosticsConfiguration {

	@Bean
	static DataDirectoryVerifier dataDirectoryVerifier() {
		return new DataDirectoryVerifier();
	}

	@Bean
	DiagnosticReporter diagnosticReporter(ObjectProvider<MeterRegistry> meterRegistry) {
		return new DiagnosticReporter(meterRegistry.getIfAvailable());
	}

	@Bean
	DiagnosticRunner diagnosticRunner(DiagnosticsProperties properties, DiagnosticReporter reporter) {
		return new DiagnosticRunner(properties.getCheckTimeout(), reporter);
	}

	@Bean
	DiagnosticClassifier diagnosticClassifier(Environment environment) {
		return new DiagnosticClassifier(DataSources.target(environment));
	}

	@Bean
	StoreCheck storeCheck(TransStore store, DiagnosticClassifier classifier,
			ObjectProvider<StoreDiagnoser> storeDiagnoser) {
		return new StoreCheck(store, storeDiagnoser(classifier, storeDiagnoser)::diagnose);
	}

	@Bean
	StoreFailures storeFailures(DiagnosticClassifier classifier, ObjectProvider<StoreDiagnoser> storeDiagnoser,
			DiagnosticReporter reporter) {
		return new StoreFailures(storeDiagnoser(classifier, storeDiagnoser), reporter);
	}

	private static StoreDiagnoser storeDiagnoser(DiagnosticClassifier classifier,
			ObjectProvider<StoreDiagnoser> storeDiagnoser) {
		return storeDiagnoser.getIfAvailable(() -> classifier::diagnoseDatabase);
	}

	@Bean
	DataDirectoryCheck dataDirectoryCheck(Environment environment) {
		String dir = DataDirectoryVerifier.usesEmbeddedStore(environment)
				? environment.getProperty(DataDirectoryVerifier.PROPERTY, "data") : null;
		return (dir != null) ? new DataDirectoryCheck(dir) : null;
	}

	@Bean
	@ConditionalOnEnabledHealthIndicator("dtmStore")
	DiagnosticHealthIndicator dtmStoreHealthIndicator(StoreCheck storeCheck, DiagnosticRunner runner) {
		return new DiagnosticHealthIndicator(storeCheck, runner);
	}

	@Bean
	@ConditionalOnEnabledHealthIndicator("dtmPaths")
	DiagnosticHealthIndicator dtmPathsHealthIndicator(ObjectProvider<DataDirectoryCheck> check,
			DiagnosticRunner runner) {
		DiagnosticCheck paths = check.getIfAvailable();
		return new DiagnosticHealthIndicator((paths != null) ? paths : new NoPathsCheck(), runner);
	}

	@Bean
	@ConditionalOnAvailableEndpoint
	DtmDiagnosticsEndpoint dtmDiagnosticsEndpoint(List<DiagnosticCheck> checks, DiagnosticRunner runner,
			ObjectProvider<DiagnosticFact> facts) {
		return new DtmDiagnosticsEndpoint(checks, runner, facts.orderedStream().toList());
	}

	/**
	 * Used when no configured path needs checking (no embedded store).
	 */
	static final class NoPathsCheck implements DiagnosticCheck {

		@Override
		public String name() {
			return "paths";
		}

		@Override
		public java.util.Optional<Diagnosis> run() {
			return java.util.Optional.empty();
		}

		@Override
		public Diagnosis timedOut(String error) {
			return new Diagnosis(DiagnosticCause.PATH_OTHER, "", null, error);
		}

	}

}
