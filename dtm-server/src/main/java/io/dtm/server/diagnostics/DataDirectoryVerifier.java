package io.dtm.server.diagnostics;

import io.dtm.core.diagnostics.PathTarget;
import io.dtm.server.config.DtmServerProperties.StoreType;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Verifies the embedded H2 store's data directory before any bean (and so the DataSource
 * and Flyway) is created, so a bad directory fails start-up with a D1004 report instead
 * of an H2 stack trace.
 */
public class DataDirectoryVerifier implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

	/** The property that configures the directory. */
	public static final String PROPERTY = "dtm.server.store.h2.data-dir";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!usesEmbeddedStore(this.environment)) {
			return;
		}
		String dir = this.environment.getProperty(PROPERTY, "data");
		PathTarget.checkWritableDirectory(PROPERTY, dir).ifPresent((diagnosis) -> {
			throw new DataDirectoryException(diagnosis);
		});
	}

	/**
	 * Whether the coordinator stores transactions in the embedded H2 file store.
	 * @param environment the environment
	 * @return {@code true} for the JPA store on an H2 file URL
	 */
	public static boolean usesEmbeddedStore(Environment environment) {
		return "jpa".equalsIgnoreCase(environment.getProperty(StoreType.PROPERTY, "jpa"))
				&& DataSources.target(environment).isH2File();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
