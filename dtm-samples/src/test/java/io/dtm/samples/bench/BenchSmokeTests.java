package io.dtm.samples.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny run of {@link Bench} against the real packaged coordinator on H2, so the load
 * generator cannot rot. It checks the report, not the speed: performance is measured by
 * running the bench on purpose (docs/benchmarks.md).
 */
@Tag("integration")
class BenchSmokeTests {

	@Test
	void benchWhenRunBrieflyShouldReportEveryScenarioWithoutErrors() throws Exception {
		Path output = Path.of("target", "bench-smoke.md");
		Files.deleteIfExists(output);
		Bench.main(new String[] { "--stores=h2", "--scenarios=saga-empty,msg,tcc", "--warmup=1", "--duration=2",
				"--concurrency=2", "--server-jar=" + System.getProperty("dtm.server.jar"), "--output=" + output });
		String report = Files.readString(output);
		assertThat(report).contains("| scenario | store | clients | tx/s |");
		for (String scenario : new String[] { "saga-empty", "msg", "tcc" }) {
			assertThat(report.lines().filter((line) -> line.startsWith("| " + scenario + " | h2 | 2 |")))
				.singleElement()
				.satisfies((row) -> {
					String[] cells = row.split("\\|");
					assertThat(Double.parseDouble(cells[4].trim())).as("tx/s of %s", scenario).isPositive();
					assertThat(cells[9].trim()).as("errors of %s", scenario).isEqualTo("0");
					assertThat(Double.parseDouble(cells[10].trim())).as("baseline of %s", scenario).isPositive();
				});
		}
	}

	@Test
	void benchWhenClientsUseGrpcShouldReportTheRunOverGrpcWithoutErrors() throws Exception {
		Path output = Path.of("target", "bench-smoke-grpc.md");
		Files.deleteIfExists(output);
		Bench.main(new String[] { "--stores=h2", "--scenarios=saga-empty,tcc", "--warmup=1", "--duration=2",
				"--concurrency=2", "--protocol=grpc", "--server-jar=" + System.getProperty("dtm.server.jar"),
				"--output=" + output });
		String report = Files.readString(output);
		assertThat(report).contains("clients over grpc");
		for (String scenario : new String[] { "saga-empty", "tcc" }) {
			assertThat(report.lines().filter((line) -> line.startsWith("| " + scenario + " | h2 | 2 |")))
				.singleElement()
				.satisfies((row) -> {
					String[] cells = row.split("\\|");
					assertThat(Double.parseDouble(cells[4].trim())).as("tx/s of %s", scenario).isPositive();
					assertThat(cells[9].trim()).as("errors of %s", scenario).isEqualTo("0");
				});
		}
	}

}
