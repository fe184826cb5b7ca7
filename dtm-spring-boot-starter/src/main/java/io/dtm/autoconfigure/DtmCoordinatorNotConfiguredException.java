package io.dtm.autoconfigure;

/**
 * Thrown at start-up when a {@code DtmTemplate} is needed but nothing says where the
 * coordinator is. Reported by {@link DtmCoordinatorNotConfiguredFailureAnalyzer}.
 */
public class DtmCoordinatorNotConfiguredException extends IllegalStateException {

	private final String serviceName;

	DtmCoordinatorNotConfiguredException(String serviceName) {
		super("the DTM coordinator location is not configured");
		this.serviceName = serviceName;
	}

	/**
	 * The configured service name, if any.
	 * @return {@code dtm.client.service-name}, or {@code null}
	 */
	public String getServiceName() {
		return this.serviceName;
	}

}
