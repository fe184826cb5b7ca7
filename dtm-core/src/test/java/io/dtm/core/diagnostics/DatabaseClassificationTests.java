package io.dtm.core.diagnostics;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The D1001 and D1004 rules of {@link DiagnosticClassifier}, with the manual check filled
 * in for the configured database.
 */
class DatabaseClassificationTests {

	private static final DataSourceTarget MARIADB = new DataSourceTarget("jdbc:mysql://127.0.0.1:3306/dtm", "dtm");

	private static final DataSourceTarget POSTGRES = new DataSourceTarget("jdbc:postgresql://db.example:5433/dtm_test",
			"bank");

	@Test
	void whenCredentialsAreWrongShouldNameTheUserAndTheLoginCheck() {
		Diagnosis diagnosis = new DiagnosticClassifier(MARIADB)
			.classifyDatabase(new RuntimeException(new SQLException("Access denied for user 'dtm'", "28000", 1045)))
			.orElseThrow();

		assertThat(diagnosis.cause()).isEqualTo(DiagnosticCause.DB_AUTH_FAILED);
		assertThat(diagnosis.target()).isEqualTo("for user 'dtm' at 127.0.0.1:3306");
		assertThat(diagnosis.manualCheck()).isEqualTo("mysql -h 127.0.0.1 -P 3306 -u dtm -p");
		assertThat(diagnosis.error()).isEqualTo("Access denied for user 'dtm'");
	}

	@Test
	void whenDatabaseIsPostgresqlManualCheckShouldUsePsql() {
		DiagnosticClassifier classifier = new DiagnosticClassifier(POSTGRES);

		assertThat(classifier.classifyDatabase(new SQLException("password authentication failed", "28000"))
			.orElseThrow()
			.manualCheck()).isEqualTo("psql -h db.example -p 5433 -U bank -d dtm_test -c 'select 1'");
		assertThat(classifier.classifyDatabase(new ConnectException("Connection refused")).orElseThrow().manualCheck())
			.isEqualTo("telnet db.example 5433; systemctl status postgresql");
	}

	@Test
	void whenSeveralSignalsAreChainedShouldPreferTheMostSpecific() {
		DiagnosticClassifier classifier = new DiagnosticClassifier(MARIADB);
		SQLException linkFailure = new SQLException("Communications link failure", "08S01",
				new UnknownHostException("db.invalid"));

		assertThat(classifier.classifyDatabase(linkFailure).orElseThrow().cause())
			.isEqualTo(DiagnosticCause.DB_UNKNOWN_HOST);
		assertThat(classifier
			.classifyDatabase(new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))
			.orElseThrow()
			.cause()).isEqualTo(DiagnosticCause.DB_POOL_EXHAUSTED);
		assertThat(classifier.classifyDatabase(new SocketTimeoutException("Read timed out")).orElseThrow().cause())
			.isEqualTo(DiagnosticCause.DB_TIMEOUT);
		assertThat(classifier.classifyDatabase(new SQLException("Unknown database 'dtmx'", "42000", 1049))
			.orElseThrow()
			.target()).isEqualTo("'dtm' at 127.0.0.1:3306");
	}

	@Test
	void whenNothingConcernsTheDatabaseShouldFallBackToDatabaseError() {
		DiagnosticClassifier classifier = new DiagnosticClassifier(MARIADB);

		assertThat(classifier.classifyDatabase(new IllegalStateException("no"))).isEmpty();
		Diagnosis other = classifier.diagnoseDatabase(new IllegalStateException("bad grammar\nat line 2"));
		assertThat(other.cause()).isEqualTo(DiagnosticCause.DB_OTHER);
		assertThat(other.error()).isEqualTo("bad grammar");
		assertThat(other.message()).isEqualTo("D1001 database connection failure: database error — check the database "
				+ "log and spring.datasource.* (spring.datasource.url)");
	}

	@Test
	void whenBarrierTableIsMissingManualCheckShouldDescribeTheTable() {
		Diagnosis missing = new DiagnosticClassifier(POSTGRES)
			.database(DiagnosticCause.BARRIER_TABLE_MISSING, "'dtm_barrier' at db.example:5433", "relation missing")
			.filledIn(java.util.Map.of("table", "dtm_barrier", "schema-file",
					"io/dtm/client/barrier/schema-postgresql.sql"));

		assertThat(missing.manualCheck())
			.isEqualTo("psql -h db.example -p 5433 -U bank -d dtm_test -c '\\d dtm_barrier'");
		assertThat(missing.action()).isEqualTo("set dtm.client.barrier.initialize-schema=true, or run "
				+ "io/dtm/client/barrier/schema-postgresql.sql from the dtm-spring-boot-starter jar");
	}

	@Test
	void whenPathIsNotWritableShouldClassifyD1004WithThePathInTheCheck() {
		Diagnosis diagnosis = DiagnosticClassifier
			.classifyPath(new AccessDeniedException("/srv/dtm/data"), "dtm.server.store.h2.data-dir", "/srv/dtm/data")
			.orElseThrow();

		assertThat(diagnosis.cause()).isEqualTo(DiagnosticCause.PATH_NOT_WRITABLE);
		assertThat(diagnosis.target()).isEqualTo("for dtm.server.store.h2.data-dir=/srv/dtm/data");
		assertThat(diagnosis.manualCheck()).isEqualTo("ls -ld /srv/dtm/data; id");
		assertThat(diagnosis.action()).endsWith("(dtm.server.store.h2.data-dir)");
	}

}
