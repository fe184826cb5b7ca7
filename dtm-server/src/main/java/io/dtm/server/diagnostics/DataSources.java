package io.dtm.server.diagnostics;

import io.dtm.core.diagnostics.DataSourceTarget;

import org.springframework.core.env.Environment;

/**
 * Reads the configured database target from {@code spring.datasource.*}.
 */
public final class DataSources {

	private DataSources() {
	}

	/**
	 * The configured database target, without connecting.
	 * @param environment the environment
	 * @return the target
	 */
	public static DataSourceTarget target(Environment environment) {
		return new DataSourceTarget(environment.getProperty("spring.datasource.url", ""),
				environment.getProperty("spring.datasource.username", ""));
	}

}
