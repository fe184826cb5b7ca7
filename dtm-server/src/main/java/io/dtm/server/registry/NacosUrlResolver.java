package io.dtm.server.registry;

import java.net.URI;
import java.util.Set;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.cloud.nacos.NacosServiceManager;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.dtm.server.engine.ServiceUrlResolver;

/**
 * Resolves dtm's {@code nacos://<service>/<path>?group=<group>} branch URLs (also
 * {@code groupName=}) to a healthy instance chosen by the Nacos client's weighted random
 * balancer. Without a group the configured discovery group is used. The group parameters
 * are consumed here and not sent to the participant; everything else in the query is. An
 * instance whose metadata says {@code secure=true} is called over https. For a gRPC call
 * the instance's {@code gRPC_port} metadata, when present, gives the port.
 */
public class NacosUrlResolver implements ServiceUrlResolver {

	static final Set<String> GROUP_PARAMETERS = Set.of("group", "groupName");

	private final NacosServiceManager nacos;

	private final NacosDiscoveryProperties discovery;

	public NacosUrlResolver(NacosServiceManager nacos, NacosDiscoveryProperties discovery) {
		this.nacos = nacos;
		this.discovery = discovery;
	}

	@Override
	public boolean supports(URI url) {
		return "nacos".equalsIgnoreCase(url.getScheme()) && ServiceUrls.serviceName(url) != null;
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
		String group = ServiceUrls.queryParameter(url, "group", "groupName");
		if (group == null) {
			group = this.discovery.getGroup();
		}
		Instance instance;
		try {
			instance = this.nacos.getNamingService().selectOneHealthyInstance(service, group);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("no healthy instance of service '" + service + "' in group '" + group
					+ "' in Nacos (" + this.discovery.getServerAddr() + ")", ex);
		}
		catch (NacosException ex) {
			throw new IllegalStateException("Nacos (" + this.discovery.getServerAddr() + ") could not list service '"
					+ service + "' in group '" + group + "': " + ex.getErrMsg(), ex);
		}
		if (instance == null) {
			throw new IllegalStateException(
					"no healthy instance of service '" + service + "' in group '" + group + "' in Nacos");
		}
		boolean secure = "true".equalsIgnoreCase(instance.getMetadata().get("secure"));
		int port = ServiceUrls.port(grpc, instance.getMetadata(), instance.getPort());
		return ServiceUrls.target(secure, instance.getIp(), port, url, GROUP_PARAMETERS);
	}

}
