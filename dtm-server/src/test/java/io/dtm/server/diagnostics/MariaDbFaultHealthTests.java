package io.dtm.server.diagnostics;

import java.net.URI;

import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link StoreFaultHealthTests} on the SQL store: a real MariaDB behind a
 * {@link TcpProxy}, with the shipped Hikari timeouts (no test-only shortcuts).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dtm.server.cron.enabled=false")
@DirtiesContext
class MariaDbFaultHealthTests extends StoreFaultHealthTests {

	private static TcpProxy proxy;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("faulthealth");
		URI uri = URI.create(db.url().substring("jdbc:".length()));
		proxy = TcpProxy.start(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 3306);
		registry.add("spring.datasource.url",
				() -> db.url().replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + proxy.port()));
		registry.add("spring.datasource.username", db::user);
		registry.add("spring.datasource.password", db::password);
		registry.add("spring.jpa.properties.jakarta.persistence.database-product-name", () -> "MariaDB");
	}

	@AfterAll
	static void stopProxy() {
		proxy.close();
	}

	@Override
	TcpProxy proxy() {
		return proxy;
	}

	@Override
	String code() {
		return "D1001";
	}

}
