package io.dtm.server.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.dtm.core.diagnostics.DataSourceTarget;
import io.dtm.server.DtmServerApplication;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.Immutable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link DtmFailureAnalyzer}: a coordinator started with a broken store
 * configuration fails with one report naming the D-code, the cause, the property and the
 * check — against a real MariaDB and a real file system.
 */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalysisTests {

	private static ExternalServices.Db db;

	@BeforeAll
	static void requireDatabase() {
		db = ExternalServices.mysql();
	}

	@Test
	void startWhenPasswordIsWrongShouldReportD1001AuthenticationFailed(CapturedOutput output) {
		start("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=wrong-" + db.password());
		assertThat(output)
			.contains("D1001 database connection failure: authentication failed for user '" + db.user() + "' at "
					+ new DataSourceTarget(db.url(), db.user()).address())
			.contains("Property: spring.datasource.password");
	}

	@Test
	void startWhenPortIsClosedShouldReportD1001ConnectionRefused(CapturedOutput output) {
		start("--spring.datasource.url=jdbc:mysql://127.0.0.1:1/dtm", "--spring.datasource.username=dtm");
		assertThat(output).contains("D1001 database connection failure: connection refused at 127.0.0.1:1")
			.contains("start the database server or fix host and port in spring.datasource.url");
	}

	@Test
	void startWhenDatabaseIsUnknownShouldReportD1001UnknownDatabase(CapturedOutput output) {
		String url = db.url().replaceFirst("/[^/?]+(\\?|$)", "/dtm_no_such_db$1");
		start("--spring.datasource.url=" + url, "--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + db.password());
		assertThat(output).contains("D1001 database connection failure: unknown database 'dtm_no_such_db'");
	}

	@Test
	void startWhenDataDirectoryIsAFileShouldReportD1004NotADirectory(@TempDir Path tmp, CapturedOutput output)
			throws IOException {
		Path file = Files.createFile(tmp.resolve("data"));
		start("--dtm.server.store.h2.data-dir=" + file);
		assertThat(output)
			.contains("D1004 insufficient permission or bad file path: path is not a directory for "
					+ "dtm.server.store.h2.data-dir=" + file)
			.contains("point the property at a directory");
	}

	@Test
	void startWhenDataDirectoryCannotBeCreatedShouldReportD1004Missing(@TempDir Path tmp, CapturedOutput output)
			throws IOException {
		Path file = Files.createFile(tmp.resolve("blocker"));
		start("--dtm.server.store.h2.data-dir=" + file.resolve("data"));
		assertThat(output).contains("D1004 insufficient permission or bad file path: path does not exist and "
				+ "cannot be created for dtm.server.store.h2.data-dir=" + file.resolve("data"));
	}

	@Test
	void startWhenDataDirectoryIsNotWritableShouldReportD1004NotWritable(@TempDir Path tmp, CapturedOutput output)
			throws IOException {
		Path dir = Files.createDirectory(tmp.resolve("readonly"));
		try (Immutable locked = Immutable.lock(dir)) {
			start("--dtm.server.store.h2.data-dir=" + dir);
		}
		assertThat(output).contains("D1004 insufficient permission or bad file path: path is not writable by the "
				+ "process user for dtm.server.store.h2.data-dir=" + dir);
	}

	@Test
	void startWhenDataDirectoryIsRelativeShouldNameTheResolvedPath(@TempDir Path tmp, CapturedOutput output)
			throws IOException {
		Path file = Files.createFile(Path.of("target", "not-a-dir-" + System.nanoTime()));
		try {
			start("--dtm.server.store.h2.data-dir=" + file);
			assertThat(output)
				.contains("dtm.server.store.h2.data-dir=" + file + " (" + file.toAbsolutePath().normalize() + ")");
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static void start(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--server.port=0");
		all.add("--dtm.server.cron.enabled=false");
		all.add("--spring.datasource.hikari.connection-timeout=2000");
		all.add("--spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB");
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(DtmServerApplication.class).run(all.toArray(String[]::new)));
	}

}
