package io.dtm.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.client.DtmConnectionDetails;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@link DtmConnectionDetails} that looks {@code dtm.client.service-name} up in Spring
 * Cloud service discovery on every call and takes the instances in turn.
 */
class DiscoveryDtmConnectionDetails implements DtmConnectionDetails {

	private final DiscoveryClient discoveryClient;

	private final String serviceName;

	private final AtomicInteger next = new AtomicInteger();

	DiscoveryDtmConnectionDetails(DiscoveryClient discoveryClient, String serviceName) {
		this.discoveryClient = discoveryClient;
		this.serviceName = serviceName;
	}

	@Override
	public String getServerUrl() {
		List<ServiceInstance> instances = this.discoveryClient.getInstances(this.serviceName);
		if (instances == null || instances.isEmpty()) {
			throw new IllegalStateException("no instance of dtm coordinator service '" + this.serviceName
					+ "' is registered in " + this.discoveryClient.description());
		}
		ServiceInstance instance = instances.get(Math.floorMod(this.next.getAndIncrement(), instances.size()));
		return instance.getUri().toString();
	}

}
