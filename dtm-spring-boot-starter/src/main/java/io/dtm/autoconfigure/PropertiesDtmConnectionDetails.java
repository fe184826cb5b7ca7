package io.dtm.autoconfigure;

import io.dtm.client.DtmConnectionDetails;

/**
 * {@link DtmConnectionDetails} from {@code dtm.client.server-url}, checked when created
 * so that a bad value fails the start-up ({@link DtmServerUrlException}) instead of the
 * first transaction.
 */
class PropertiesDtmConnectionDetails implements DtmConnectionDetails {

	private final DtmClientProperties properties;

	PropertiesDtmConnectionDetails(DtmClientProperties properties) {
		DtmServerUrlException.check(properties.getServerUrl(), properties.getServiceName());
		this.properties = properties;
	}

	@Override
	public String getServerUrl() {
		return this.properties.getServerUrl().strip();
	}

}
