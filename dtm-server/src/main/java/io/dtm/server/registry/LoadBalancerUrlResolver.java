package io.dtm.server.registry;

import java.net.URI;
import java.util.Set;

import io.dtm.server.engine.ServiceUrlResolver;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;

/**
 * Resolves Spring Cloud's {@code lb://<service>/<path>} branch URLs through Spring Cloud
 * LoadBalancer (round robin over the discovery client's healthy instances of the
 * configured group). For a gRPC call the instance's {@code gRPC_port} metadata, when
 * present, gives the port.
 */
public class LoadBalancerUrlResolver implements ServiceUrlResolver {

	private final LoadBalancerClient loadBalancer;

	public LoadBalancerUrlResolver(LoadBalancerClient loadBalancer) {
		this.loadBalancer = loadBalancer;
	}

	@Override
	public boolean supports(URI url) {
		return "lb".equalsIgnoreCase(url.getScheme()) && ServiceUrls.serviceName(url) != null;
	}

	@Override
	public URI resolve(URI url) {
		return resolve(url, false);
	}

	@Override
	public URI resolveGrpc(URI url) {
		return resolve(url, true);
	}

	private URI resolve(URI url, boolean grpc) {
		String service = ServiceUrls.serviceName(url);
		ServiceInstance instance = this.loadBalancer.choose(service);
		if (instance == null) {
			throw new IllegalStateException(
					"no instance of service '" + service + "' available through Spring Cloud LoadBalancer");
		}
		int port = ServiceUrls.port(grpc, instance.getMetadata(), instance.getPort());
		return ServiceUrls.target(instance.isSecure(), instance.getHost(), port, url, Set.of());
	}

}
