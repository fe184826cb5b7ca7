package io.dtm.server.registry;

import java.util.List;

import com.alibaba.cloud.nacos.NacosServiceManager;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;

/**
 * The calls of the Nacos {@link NamingService} that registration makes. Production code
 * goes through {@link #of(NacosServiceManager)}; tests use a fake.
 */
public interface NacosNaming {

	/** What {@link #serverStatus()} answers while the client is connected. */
	String UP = "UP";

	/**
	 * The client's connection state ({@link NamingService#getServerStatus()}).
	 * @return {@value #UP} while connected
	 */
	String serverStatus();

	/**
	 * Register an instance
	 * ({@link NamingService#registerInstance(String, String, Instance)}).
	 * @param service service name
	 * @param group group name
	 * @param instance the instance
	 * @throws NacosException when the registry refuses or cannot be reached
	 */
	void register(String service, String group, Instance instance) throws NacosException;

	/**
	 * Deregister an instance
	 * ({@link NamingService#deregisterInstance(String, String, Instance)}).
	 * @param service service name
	 * @param group group name
	 * @param instance the instance
	 * @throws NacosException when the registry refuses or cannot be reached
	 */
	void deregister(String service, String group, Instance instance) throws NacosException;

	/**
	 * Every instance of a service as the registry lists it now, not from the client's
	 * subscription cache
	 * ({@link NamingService#getAllInstances(String, String, List, boolean)}).
	 * @param service service name
	 * @param group group name
	 * @return the instances
	 * @throws NacosException when the registry cannot be asked
	 */
	List<Instance> instances(String service, String group) throws NacosException;

	/**
	 * Shut the client down (its connection, threads and caches).
	 * @throws NacosException when the client fails to shut down
	 */
	void shutdown() throws NacosException;

	/**
	 * The naming service of Spring Cloud Alibaba's {@link NacosServiceManager}, looked up
	 * on every call (the manager creates it lazily and re-creates it when the settings
	 * change).
	 * @param manager the manager
	 * @return the calls
	 */
	static NacosNaming of(NacosServiceManager manager) {
		return new NacosNaming() {

			@Override
			public String serverStatus() {
				return manager.getNamingService().getServerStatus();
			}

			@Override
			public void register(String service, String group, Instance instance) throws NacosException {
				manager.getNamingService().registerInstance(service, group, instance);
			}

			@Override
			public void deregister(String service, String group, Instance instance) throws NacosException {
				manager.getNamingService().deregisterInstance(service, group, instance);
			}

			@Override
			public List<Instance> instances(String service, String group) throws NacosException {
				return manager.getNamingService().getAllInstances(service, group, List.of(), false);
			}

			@Override
			public void shutdown() throws NacosException {
				manager.nacosServiceShutDown();
			}

		};
	}

}
