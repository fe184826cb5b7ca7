package io.dtm.server.testsupport;

import java.util.List;
import java.util.Optional;

import io.dtm.server.testsupport.ExternalServices.Db;
import io.dtm.server.testsupport.ExternalServices.Redis;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The last resort of {@link ExternalServices}: throw-away containers through
 * Testcontainers, when a Docker engine answers. Each container lives as long as the test
 * JVM (Testcontainers' reaper removes it).
 */
final class ContainerServices {

	private static final String NO_DOCKER = "Testcontainers: no Docker engine answers";

	private ContainerServices() {
	}

	/**
	 * A {@code mysql:8.0} container with database {@code dtm}, user {@code root}.
	 * @param tried receives the reason when Docker is missing
	 * @return its settings
	 */
	static Optional<Db> mysql(List<String> tried) {
		if (!dockerAvailable(tried)) {
			return Optional.empty();
		}
		MySQLContainer<?> container = new MySQLContainer<>("mysql:8.0").withDatabaseName("dtm")
			.withUsername("root")
			.withPassword("dtm");
		container.start();
		return Optional.of(new Db(container.getJdbcUrl(), "root", "dtm", "testcontainers"));
	}

	/**
	 * A {@code redis:7} container.
	 * @param tried receives the reason when Docker is missing
	 * @return its URL
	 */
	static Optional<Redis> redis(List<String> tried) {
		if (!dockerAvailable(tried)) {
			return Optional.empty();
		}
		GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379);
		container.start();
		return Optional
			.of(new Redis("redis://" + container.getHost() + ":" + container.getMappedPort(6379), "testcontainers"));
	}

	/**
	 * A {@code postgres:15} container with database {@value LocalServices#DATABASE}, user
	 * {@code postgres}.
	 * @param tried receives the reason when Docker is missing
	 * @return its settings
	 */
	static Optional<Db> postgres(List<String> tried) {
		if (!dockerAvailable(tried)) {
			return Optional.empty();
		}
		GenericContainer<?> container = new GenericContainer<>("postgres:15").withExposedPorts(5432)
			.withEnv("POSTGRES_PASSWORD", "dtm")
			.withEnv("POSTGRES_DB", LocalServices.DATABASE)
			// the server restarts once after initdb: ready is logged twice
			.waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
		container.start();
		String url = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/"
				+ LocalServices.DATABASE;
		return Optional.of(new Db(url, "postgres", "dtm", "testcontainers"));
	}

	private static boolean dockerAvailable(List<String> tried) {
		boolean available;
		try {
			available = DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			available = false;
		}
		if (!available) {
			tried.add(NO_DOCKER);
		}
		return available;
	}

}
