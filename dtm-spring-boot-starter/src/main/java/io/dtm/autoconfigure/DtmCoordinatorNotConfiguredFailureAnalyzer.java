package io.dtm.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a missing coordinator location.
 */
class DtmCoordinatorNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<DtmCoordinatorNotConfiguredException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DtmCoordinatorNotConfiguredException cause) {
		if (cause.getServiceName() != null) {
			return new FailureAnalysis(
					"dtm.client.service-name is set to '" + cause.getServiceName()
							+ "', but there is no Spring Cloud DiscoveryClient to look it up, and "
							+ "dtm.client.server-url is not set.",
					"Add a discovery client (for example spring-cloud-starter-alibaba-nacos-discovery) and enable "
							+ "it, or set dtm.client.server-url to the coordinator's URL, e.g. http://localhost:36789.",
					cause);
		}
		return new FailureAnalysis(
				"The DTM starter needs to know where the coordinator is: neither dtm.client.server-url nor "
						+ "dtm.client.service-name is set, and there is no DtmConnectionDetails bean.",
				"Set dtm.client.server-url (e.g. http://localhost:36789), or set dtm.client.service-name and add a "
						+ "Spring Cloud discovery client such as Nacos, or define a DtmConnectionDetails bean.",
				cause);
	}

}
