package io.dtm.client.barrier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BarrierSchema}.
 */
class BarrierSchemaTests {

	@Test
	void whenDefaultNameShouldMatchTheDocumentedSqlFiles() throws IOException {
		for (BarrierDialect dialect : BarrierDialect.values()) {
			String file = "schema-" + dialect.name().toLowerCase(Locale.ROOT) + ".sql";
			try (InputStream in = JdbcBarrier.class.getResourceAsStream(file)) {
				assertThat(in).as(file).isNotNull();
				List<String> statements = Arrays
					.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*\\n", "")
						.split(";\\n"))
					.map(String::strip)
					.filter((statement) -> !statement.isEmpty())
					.toList();
				assertThat(statements).as(file).isEqualTo(dialect.schema(JdbcBarrier.DEFAULT_TABLE_NAME));
			}
		}
	}

	@Test
	void whenTableQualifiedShouldCreateSchemaFirst() {
		assertThat(BarrierDialect.MYSQL.schema("dtm_barrier.barrier").get(0))
			.isEqualTo("CREATE DATABASE IF NOT EXISTS dtm_barrier");
		assertThat(BarrierDialect.POSTGRESQL.schema("dtm_barrier.barrier").get(0))
			.isEqualTo("CREATE SCHEMA IF NOT EXISTS dtm_barrier");
	}

	@Test
	void whenTableNameIsNotPlainShouldRefuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> BarrierDialect.H2.schema("x; DROP TABLE y"));
	}

}
