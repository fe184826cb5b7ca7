package io.dtm.readme;

import java.time.Duration;
import java.util.UUID;

import io.dtm.core.GlobalStatus;
import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's application, as written, against a real coordinator on MariaDB: each mode
 * moves the money it says.
 */
@Tag("integration")
class ReadmeApplicationTests {

	private static ConfigurableApplicationContext coordinator;

	private static ConfigurableApplicationContext bank;

	@BeforeAll
	static void start() throws ClassNotFoundException {
		ExternalServices.Db store = ExternalServices.freshMysqlDatabase("readme_dtm");
		coordinator = new SpringApplicationBuilder(Class.forName("io.dtm.server.DtmServerApplication")).run(
				"--server.port=0", "--spring.datasource.hikari.maximum-pool-size=4",
				"--spring.datasource.url=" + store.url(), "--spring.datasource.username=" + store.user(),
				"--spring.datasource.password=" + store.password(),
				"--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB",
				"--spring.jpa.properties.jakarta.persistence.database-product-version=10.11",
				"--dtm.server.retry-interval=1s", "--dtm.server.cron.interval=100ms",
				"--spring.data.redis.repositories.enabled=false",
				"--spring.autoconfigure.exclude=io.dtm.autoconfigure.DtmClientAutoConfiguration,"
						+ "io.dtm.autoconfigure.DtmJdbcAutoConfiguration,io.dtm.autoconfigure.DtmWebAutoConfiguration,"
						+ "io.dtm.autoconfigure.DtmHealthAutoConfiguration,io.dtm.autoconfigure.DtmRedisAutoConfiguration");
		int coordinatorPort = ((WebServerApplicationContext) coordinator).getWebServer().getPort();
		ExternalServices.Db business = ExternalServices.freshMysqlDatabase("readme_bank");
		int port = freePort();
		bank = new SpringApplicationBuilder(BankApplication.class).run("--spring.config.name=readme",
				"--server.port=" + port, "--spring.datasource.url=" + business.url(),
				"--spring.datasource.username=" + business.user(),
				"--spring.datasource.password=" + business.password(),
				"--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
						+ "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration,"
						+ "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
						+ "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
						// dtm-server's console brings Spring Security onto this class
						// path
						+ "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
						+ "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
				"--dtm.client.server-url=http://127.0.0.1:" + coordinatorPort,
				"--dtm.client.barrier.initialize-schema=true", "--bank.url=http://127.0.0.1:" + port);
		jdbc().execute("CREATE TABLE account (id VARCHAR(64) PRIMARY KEY, balance INT NOT NULL, "
				+ "frozen INT NOT NULL DEFAULT 0)");
	}

	@AfterAll
	static void stop() {
		if (bank != null) {
			bank.close();
		}
		if (coordinator != null) {
			coordinator.close();
		}
	}

	@Test
	void whenSagaExampleRunsShouldMoveTheMoneyOrRollBack() {
		String a = account(100);
		String b = account(0);
		SagaService saga = bank.getBean(SagaService.class);
		String gid = saga.transfer(a, b, 30);
		assertThat(saga.status(gid)).isEqualTo(GlobalStatus.SUCCEED);
		assertThat(saga.transfer(a, b, 500)).isNull();
		assertThat(balance(a)).isEqualTo(70);
		assertThat(balance(b)).isEqualTo(30);
	}

	@Test
	void whenTccMsgAndXaExamplesRunShouldMoveTheMoney() {
		String a = account(100);
		String b = account(0);
		bank.getBean(TccService.class).transfer(a, b, 10);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(frozen(a)).isZero());
		bank.getBean(MsgService.class).transfer(a, b, 10);
		bank.getBean(XaService.class).transfer(a, b, 10);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balance(b)).isEqualTo(30));
		assertThat(balance(a)).isEqualTo(70);
	}

	private static JdbcTemplate jdbc() {
		return bank.getBean(JdbcTemplate.class);
	}

	private static String account(int balance) {
		String id = "acc-" + UUID.randomUUID();
		jdbc().update("INSERT INTO account (id, balance) VALUES (?, ?)", id, balance);
		return id;
	}

	private static int balance(String id) {
		return jdbc().queryForObject("SELECT balance FROM account WHERE id = ?", Integer.class, id);
	}

	private static int frozen(String id) {
		return jdbc().queryForObject("SELECT frozen FROM account WHERE id = ?", Integer.class, id);
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
