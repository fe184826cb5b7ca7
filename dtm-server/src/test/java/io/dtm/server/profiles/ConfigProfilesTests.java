package io.dtm.server.profiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.dtm.server.DtmServerApplication;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the ready profiles in {@code config/}: the coordinator boots with each
 * against the real service, and the manual-install SQL matches the schema Flyway creates.
 */
@Tag("integration")
class ConfigProfilesTests {

	private static final Path CONFIG = Path.of("..", "config");

	@BeforeAll
	static void requireDatabase() {
		ExternalServices.mysql();
	}

	@Test
	void mysqlAndProductionProfilesWhenActiveShouldRunTheCoordinatorOnMariaDb() {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("profile");
		try (ConfigurableApplicationContext app = start(db, "mysql,production")) {
			Environment env = app.getEnvironment();
			assertThat(env.getProperty("spring.datasource.url")).isEqualTo(db.url());
			DtmHttp http = new DtmHttp(((WebServerApplicationContext) app).getWebServer().getPort());
			assertProductionHidesDiagnosticDetails(http);
			assertThat(http.get("/api/health").json().path("result").asText()).isEqualTo("success");
			assertThat(http
				.post("/api/dtmsvr/submit",
						"{\"gid\":\"profile-1\",\"trans_type\":\"saga\","
								+ "\"steps\":[{\"action\":\"\",\"compensate\":\"\"}],\"wait_result\":true}")
				.status()).isEqualTo(200);
			assertThat(
					countRows(db, "SELECT count(*) FROM trans_global WHERE gid = 'profile-1' AND status = 'succeed'"))
				.isEqualTo(1);
			DtmHttp.Reply refused = http.post("/api/dtmsvr/submit", "{\"gid\":\"profile-2\",\"trans_type\":\"saga\","
					+ "\"steps\":[{\"action\":\"http://127.0.0.1:9/a\",\"compensate\":\"\"}]}");
			assertThat(refused.status()).as("production allows no branch address until they are listed").isEqualTo(400);
			assertThat(refused.body()).contains("matches no rule of dtm.server.security.branch-urls.allow []");
			assertThat(countRows(db, "SELECT count(*) FROM trans_global WHERE gid = 'profile-2'")).isZero();
		}
	}

	@Test
	void redisProfileWhenActiveShouldRunTheCoordinatorOnRedisWithoutADatabase() {
		java.net.URI redis = java.net.URI.create(ExternalServices.redis().url());
		String prefix = "{profile" + System.nanoTime() + "}";
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DtmServerApplication.class).run(
				"--server.port=0",
				"--spring.config.additional-location=file:" + CONFIG.toAbsolutePath().normalize() + "/",
				"--spring.profiles.active=redis,production", "--DTM_REDIS_HOST=" + redis.getHost(),
				"--DTM_REDIS_PORT=" + redis.getPort(), "--dtm.server.store.redis.prefix=" + prefix,
				"--dtm.server.cron.enabled=false")) {
			assertThat(app.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
			DtmHttp http = new DtmHttp(((WebServerApplicationContext) app).getWebServer().getPort());
			assertProductionHidesDiagnosticDetails(http);
			assertThat(http.get("/api/health").json().path("result").asText()).isEqualTo("success");
			assertThat(http
				.post("/api/dtmsvr/submit",
						"{\"gid\":\"profile-r\",\"trans_type\":\"saga\","
								+ "\"steps\":[{\"action\":\"\",\"compensate\":\"\"}],\"wait_result\":true}")
				.status()).isEqualTo(200);
			assertThat(http.status("profile-r")).isEqualTo("succeed");
		}
	}

	@Test
	void manualSqlWhenAppliedFirstShouldBeAdoptedByTheCoordinator() throws Exception {
		ExternalServices.Db db = ExternalServices.freshMysqlDatabase("manual");
		String sql = Files.readString(CONFIG.resolve("sql/dtm-server-mysql.sql"));
		try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
				Statement statement = connection.createStatement()) {
			for (String ddl : sql.replaceAll("(?m)^--.*$", "").split(";")) {
				if (!ddl.isBlank()) {
					statement.execute(ddl);
				}
			}
		}
		try (ConfigurableApplicationContext app = start(db, "mysql")) {
			DtmHttp http = new DtmHttp(((WebServerApplicationContext) app).getWebServer().getPort());
			assertThat(http.get("/api/health").status()).isEqualTo(200);
			assertThat(countRows(db, "SELECT count(*) FROM flyway_schema_history")).isPositive();
		}
	}

	@Test
	void manualSqlShouldMatchTheFlywayMigration() throws IOException {
		String manual = Files.readString(CONFIG.resolve("sql/dtm-server-mysql.sql"));
		List<String> migrations = new ArrayList<>();
		try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration/mysql"))) {
			for (Path file : files
				.sorted(Comparator
					.comparingInt((Path f) -> Integer.parseInt(f.getFileName().toString().split("__")[0].substring(1))))
				.toList()) {
				migrations.add(withoutComments(Files.readString(file)));
			}
		}
		assertThat(migrations).hasSizeGreaterThanOrEqualTo(3);
		assertThat(withoutComments(manual)).isEqualTo(String.join("\n\n", migrations));
	}

	/**
	 * The production rule: nobody sees diagnostic details over HTTP, neither in health
	 * nor through /actuator/dtm; probes and scrapes still work.
	 * @param http the coordinator
	 */
	private static void assertProductionHidesDiagnosticDetails(DtmHttp http) {
		DtmHttp.Reply health = http.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("status").asText()).isEqualTo("UP");
		assertThat(health.json().has("components")).as(health.body()).isFalse();
		assertThat(health.json().has("details")).as(health.body()).isFalse();
		DtmHttp.Reply readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().has("components")).as(readiness.body()).isFalse();
		assertThat(http.get("/actuator/dtm").status()).as("/actuator/dtm needs an operator token").isEqualTo(401);
		assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
	}

	private static String withoutComments(String sql) {
		return sql.replaceAll("(?m)^--.*\\n", "").trim();
	}

	private static ConfigurableApplicationContext start(ExternalServices.Db db, String profiles) {
		return new SpringApplicationBuilder(DtmServerApplication.class).run("--server.port=0",
				"--spring.config.additional-location=file:" + CONFIG.toAbsolutePath().normalize() + "/",
				"--spring.profiles.active=" + profiles, "--DTM_DB_URL=" + db.url(), "--DTM_DB_USER=" + db.user(),
				"--DTM_DB_PASSWORD=" + db.password(), "--dtm.server.cron.enabled=false");
	}

	private static long countRows(ExternalServices.Db db, String query) {
		try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
