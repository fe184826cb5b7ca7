package io.dtm.samples.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dtm.client.DtmOperations;
import io.dtm.core.GlobalStatus;
import io.dtm.server.testsupport.ExternalServices;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One sample application started as {@code spring-boot:run} would, but on a fresh MariaDB
 * database and pointed at the test {@link Coordinator}; driven over HTTP exactly like the
 * README's {@code curl} lines.
 */
public final class SampleApp implements AutoCloseable {

	/**
	 * dtm-server is on the test classpath; its JPA and Flyway set-up must not touch the
	 * sample's database, and its Spring Security (the console's) must not guard the
	 * sample.
	 */
	static final String SERVER_AUTO_CONFIGURATIONS = "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
			+ "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration,"
			+ "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
			// the console's Spring Security is dtm-server's, not the samples'
			+ "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
			+ "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration";

	private final ConfigurableApplicationContext context;

	private final RestClient http;

	private SampleApp(ConfigurableApplicationContext context, int port) {
		this.context = context;
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	/**
	 * Start a sample on its own new database.
	 * @param application the sample's application class
	 * @param configName the sample's configuration file name ({@code saga} for
	 * {@code saga.yml})
	 * @return the running sample
	 */
	public static SampleApp start(Class<?> application, String configName) {
		String coordinator = Coordinator.url();
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("samples_" + configName.replace('-', '_'));
		int port = freePort();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).main(application)
			.run("--spring.config.name=" + configName, "--server.port=" + port, "--spring.datasource.url=" + db.url(),
					"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
					"--spring.datasource.hikari.maximum-pool-size=6", "--dtm.client.server-url=" + coordinator,
					"--spring.autoconfigure.exclude=" + SERVER_AUTO_CONFIGURATIONS);
		return new SampleApp(context, port);
	}

	/**
	 * {@code POST /api/transfer} with the given query, as the README's {@code curl}.
	 * @param query for example {@code from=1&to=2&amount=30}
	 * @return HTTP status and body
	 */
	public Reply transfer(String query) {
		return this.http.post().uri("/api/transfer?" + query).exchange((request, response) -> {
			Map<String, Object> body = response.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() {
			});
			return new Reply(response.getStatusCode().value(), body);
		});
	}

	/**
	 * Balances from {@code GET /api/accounts}.
	 * @return balance by account id, in id order
	 */
	public List<Integer> balances() {
		return column("balance");
	}

	/**
	 * Frozen amounts from {@code GET /api/accounts}.
	 * @return frozen amount by account id, in id order
	 */
	public List<Integer> frozen() {
		return column("frozen");
	}

	private List<Integer> column(String name) {
		List<Map<String, Object>> accounts = this.http.get()
			.uri("/api/accounts")
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
		assertThat(accounts).isNotNull();
		return accounts.stream().map((account) -> ((Number) account.get(name)).intValue()).toList();
	}

	/**
	 * Wait until the coordinator's query API reports the final status, then check the
	 * balances (every branch committed before the coordinator stored the status).
	 * @param gid the transaction
	 * @param status the final status
	 * @param balances the expected balances of accounts 1, 2, 3
	 */
	public void awaitOutcome(String gid, GlobalStatus status, Integer... balances) {
		DtmOperations dtm = this.context.getBean(DtmOperations.class);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(dtm.query(gid).orElseThrow().status()).isEqualTo(status));
		assertThat(balances()).as("balances of accounts 1, 2, 3").containsExactly(balances);
	}

	/**
	 * Give every account 100 again.
	 */
	public void resetAccounts() {
		this.context.getBean(JdbcTemplate.class).update("UPDATE account SET balance = 100, frozen = 0");
	}

	/**
	 * The sample's application context.
	 * @return the context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status the status code
	 * @param body the JSON body
	 */
	public record Reply(int status, Map<String, Object> body) {

		/**
		 * The gid in the body.
		 * @return the gid
		 */
		public String gid() {
			return (String) this.body.get("gid");
		}

	}

}
