package io.dtm.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by an unusable {@code dtm.client.server-url}.
 */
class DtmServerUrlFailureAnalyzer extends AbstractFailureAnalyzer<DtmServerUrlException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DtmServerUrlException cause) {
		String description = "dtm.client.server-url is set to '" + cause.getValue() + "', which " + cause.getProblem()
				+ ". The DTM starter needs the coordinator's base URL to call it.";
		StringBuilder action = new StringBuilder("Set dtm.client.server-url to the coordinator's base URL with "
				+ "scheme, host and port, e.g. dtm.client.server-url=");
		action.append((cause.getSuggestion() != null) ? cause.getSuggestion() : "http://localhost:36789");
		action.append(" ('/api/dtmsvr' may be appended).");
		if (cause.getValue().isBlank()) {
			action.append(" If it comes from an environment variable, make sure the variable is set");
			action.append((cause.getServiceName() != null)
					? "; to locate the coordinator through service discovery " + "with dtm.client.service-name '"
							+ cause.getServiceName()
							+ "', remove dtm.client.server-url and add a Spring Cloud DiscoveryClient (e.g. Nacos)."
					: ", or remove dtm.client.server-url and set dtm.client.service-name to use service discovery.");
		}
		return new FailureAnalysis(description, action.toString(), cause);
	}

}
