package io.dtm.samples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
		String report = run("bench-smoke.md", "--scenarios=saga-empty,saga-http,saga-grpc,msg,tcc");
		assertThat(report).contains("| scenario | store | clients | tx/s |").contains("clients over http");
		// saga-http and saga-grpc rows exist only when the participant process served 2
		// branch calls per saga (Bench refuses the run otherwise)
		assertRows(report, "saga-empty", "saga-http", "saga-grpc", "msg", "tcc");
	}

	@Test
	void benchWhenClientsUseGrpcShouldReportTheRunOverGrpcWithoutErrors() throws Exception {
		String report = run("bench-smoke-grpc.md", "--scenarios=saga-empty,tcc", "--protocol=grpc");
		assertThat(report).contains("clients over grpc");
		assertRows(report, "saga-empty", "tcc");
	}

	private static String run(String file, String... options) throws Exception {
		Path output = Path.of("target", file);
		Files.deleteIfExists(output);
		List<String> args = new ArrayList<>(List.of("--stores=h2", "--warmup=1", "--duration=2", "--concurrency=2",
				"--server-jar=" + System.getProperty("dtm.server.jar"), "--output=" + output));
		args.addAll(List.of(options));
		Bench.main(args.toArray(String[]::new));
		return Files.readString(output);
	}

	/** One row per scenario with transactions, no errors and a baseline. */
	private static void assertRows(String report, String... scenarios) {
		for (String scenario : scenarios) {
			assertThat(report.lines().filter((line) -> line.startsWith("| " + scenario + " | h2 | 2 |")))
				.singleElement()
				.satisfies((row) -> {
					String[] cells = row.split("\\|");
					assertThat(Double.parseDouble(cells[4].trim())).as("tx/s of %s", scenario).isPositive();
					assertThat(cells[9].trim()).as("errors of %s", scenario).isEqualTo("0");
					assertThat(Double.parseDouble(cells[10].trim())).as("baseline of %s", scenario).isPositive();
					assertThat(Double.parseDouble(cells[15].trim())).as("CPU ms per tx of %s", scenario).isPositive();
				});
		}
	}

}
