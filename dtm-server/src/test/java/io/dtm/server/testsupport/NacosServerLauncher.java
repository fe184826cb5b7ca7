package io.dtm.server.testsupport;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Main class of the Nacos 3.1 test server, run by {@link NacosTestServer} in its own JVM
 * with the republished server jars on the class path. It does what
 * {@code com.alibaba.nacos.bootstrap.NacosBootstrap} (not on Maven Central) does in
 * server mode: the core context, then the web context as its child. Written against the
 * Nacos classes by name so that this test module does not need them on its own class
 * path.
 */
public final class NacosServerLauncher {

	private NacosServerLauncher() {
	}

	/**
	 * Start the server.
	 * @param args Spring Boot arguments such as {@code --nacos.server.main.port=18848}
	 * @throws Exception when Nacos cannot start
	 */
	public static void main(String[] args) throws Exception {
		ClassLoader loader = NacosServerLauncher.class.getClassLoader();
		Class<?> envUtil = loader.loadClass("com.alibaba.nacos.sys.env.EnvUtil");
		Class<?> deploymentType = loader.loadClass("com.alibaba.nacos.sys.env.DeploymentType");
		envUtil.getMethod("setDeploymentType", deploymentType).invoke(null, enumConstant(deploymentType, "SERVER"));
		Class<?> startUp = loader.loadClass("com.alibaba.nacos.core.listener.startup.NacosStartUp");
		Class<?> startUpManager = loader.loadClass("com.alibaba.nacos.core.listener.startup.NacosStartUpManager");
		startUpManager.getMethod("start", String.class).invoke(null, startUp.getField("CORE_START_UP_PHASE").get(null));
		ConfigurableApplicationContext core = new SpringApplicationBuilder(
				loader.loadClass("com.alibaba.nacos.NacosServerBasicApplication"))
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.run(args);
		startUpManager.getMethod("start", String.class).invoke(null, startUp.getField("WEB_START_UP_PHASE").get(null));
		new SpringApplicationBuilder(loader.loadClass("com.alibaba.nacos.NacosServerWebApplication")).parent(core)
			.bannerMode(Banner.Mode.OFF)
			.run(args);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object enumConstant(Class<?> type, String name) {
		return Enum.valueOf((Class) type, name);
	}

}
