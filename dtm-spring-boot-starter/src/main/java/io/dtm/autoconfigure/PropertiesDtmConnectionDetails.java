package io.dtm.autoconfigure;

import io.dtm.client.DtmConnectionDetails;

/**
 * {@link DtmConnectionDetails} from {@code dtm.client.server-url}.
 */
class PropertiesDtmConnectionDetails implements DtmConnectionDetails {

	private final DtmClientProperties properties;

	PropertiesDtmConnectionDetails(DtmClientProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getServerUrl() {
		return this.properties.getServerUrl();
	}

}
