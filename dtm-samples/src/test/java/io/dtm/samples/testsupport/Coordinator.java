package io.dtm.samples.testsupport;

import java.io.IOException;
import java.net.ServerSocket;

import io.dtm.server.DtmServerApplication;
import io.dtm.server.testsupport.ExternalServices;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real dtm-server, started once in the test JVM on a fresh MariaDB database and
 * shared by every sample test (it is closed by Spring's shutdown hook when the JVM
 * exits). Short retry and cron intervals keep rollbacks and check-backs quick.
 */
public final class Coordinator {

	private static final String STARTER_AUTO_CONFIGURATIONS = "io.dtm.autoconfigure.DtmClientAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmDiscoveryAutoConfiguration,io.dtm.autoconfigure.DtmJdbcAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmRedisAutoConfiguration,io.dtm.autoconfigure.DtmWebAutoConfiguration,"
			+ "io.dtm.autoconfigure.DtmHealthAutoConfiguration";

	private static String url;

	private static String grpcTarget;

	private Coordinator() {
	}

	/**
	 * The coordinator's base URL, starting it on first use.
	 * @return for example {@code http://127.0.0.1:40123}
	 */
	public static synchronized String url() {
		if (url == null) {
			ExternalServices.Db store = ExternalServices.freshMysqlDatabase("samples_dtm");
			int grpcPort = freePort();
			// arguments, as dtm-server's application.yml overrides builder defaults
			ConfigurableApplicationContext context = new SpringApplicationBuilder(DtmServerApplication.class).run(
					"--server.port=0", "--dtm.server.grpc.port=" + grpcPort,
					"--spring.datasource.hikari.maximum-pool-size=6", "--spring.datasource.url=" + store.url(),
					"--spring.datasource.username=" + store.user(), "--spring.datasource.password=" + store.password(),
					"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
					"--spring.jpa.properties.jakarta.persistence.database-product-version=10.11",
					"--dtm.server.retry-interval=1s", "--dtm.server.timeout-to-fail=3s",
					"--dtm.server.request-timeout=5s", "--dtm.server.cron.interval=100ms",
					"--spring.data.redis.repositories.enabled=false",
					"--spring.autoconfigure.exclude=" + STARTER_AUTO_CONFIGURATIONS);
			url = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
			grpcTarget = "127.0.0.1:" + grpcPort;
		}
		return url;
	}

	/**
	 * The coordinator's gRPC API, starting it on first use.
	 * @return for example {@code 127.0.0.1:40124}
	 */
	public static synchronized String grpcTarget() {
		url();
		return grpcTarget;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
