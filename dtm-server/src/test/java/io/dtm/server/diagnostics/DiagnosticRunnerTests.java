package io.dtm.server.diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DiagnosticRunner}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiagnosticRunnerTests {

	private final DiagnosticRunner runner = new DiagnosticRunner(Duration.ofMillis(300), new DiagnosticReporter(null));

	private final List<ScriptedCheck> hanging = new ArrayList<>();

	@AfterEach
	void release() {
		this.hanging.forEach(ScriptedCheck::release);
		this.runner.destroy();
	}

	@Test
	void whenACheckHangsRunShouldAnswerItsTimeoutDiagnosisWithinTheTimeout() {
		ScriptedCheck check = hang(new ScriptedCheck("store"));
		long start = System.nanoTime();
		Optional<Diagnosis> result = this.runner.run(check);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
		assertThat(result).get().satisfies((diagnosis) -> {
			assertThat(diagnosis.cause()).isEqualTo(DiagnosticCause.DB_TIMEOUT);
			assertThat(diagnosis.code().name()).isEqualTo("D1001");
			assertThat(diagnosis.error()).isEqualTo("timed out after 300ms");
		});
	}

	@Test
	void whenCalledRepeatedlyWhileACheckHangsShouldRunItOnceAndRunItAgainWhenItHasAnswered() {
		ScriptedCheck check = hang(new ScriptedCheck("store").failing());
		List<CompletableFuture<Optional<Diagnosis>>> calls = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> this.runner.run(check)));
		}
		for (int i = 0; i < 3; i++) {
			assertThat(this.runner.run(check)).get().extracting(Diagnosis::cause).isEqualTo(DiagnosticCause.DB_TIMEOUT);
		}
		calls.forEach(CompletableFuture::join);
		assertThat(check.runs()).isEqualTo(1);
		check.release();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.runner.run(check).map(Diagnosis::cause).orElse(null),
					(cause) -> cause == DiagnosticCause.DB_CONNECTION_REFUSED);
		int runs = check.runs();
		assertThat(this.runner.run(check)).get()
			.extracting(Diagnosis::cause)
			.isEqualTo(DiagnosticCause.DB_CONNECTION_REFUSED);
		assertThat(check.runs()).as("an answered check runs again on the next call").isEqualTo(runs + 1);
	}

	@Test
	void whenManyChecksHangShouldUseAtMostThePoolsThreads() {
		List<DiagnosticCheck> checks = new ArrayList<>();
		for (int i = 0; i < DiagnosticRunner.THREADS + 3; i++) {
			checks.add(hang(new ScriptedCheck("check-" + i)));
		}
		List<Optional<Diagnosis>> results = this.runner.runAll(checks);
		assertThat(results).allSatisfy((
				result) -> assertThat(result).get().extracting(Diagnosis::cause).isEqualTo(DiagnosticCause.DB_TIMEOUT));
		assertThat(results).filteredOn((result) -> result.get().error().startsWith("not run"))
			.hasSize(3)
			.first()
			.satisfies((result) -> assertThat(result.get().error())
				.isEqualTo("not run: every diagnostics thread is busy with checks that did not answer"));
		assertThat(this.hanging.stream().mapToInt(ScriptedCheck::runs).sum()).isEqualTo(DiagnosticRunner.THREADS);
	}

	@Test
	void whenChecksHangRunAllShouldWaitForThemTogether() {
		List<DiagnosticCheck> checks = List.of(hang(new ScriptedCheck("a")), hang(new ScriptedCheck("b")),
				hang(new ScriptedCheck("c")));
		long start = System.nanoTime();
		this.runner.runAll(checks);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
	}

	@Test
	void whenACheckKeepsTimingOutItsRealCauseShouldBeLoggedOnceAndTheTimeoutsNotAtAll(CapturedOutput output) {
		ScriptedCheck check = hang(new ScriptedCheck("store").failing());
		this.runner.run(check);
		check.release();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.runner.run(check).map(Diagnosis::cause).orElse(null),
					(cause) -> cause == DiagnosticCause.DB_CONNECTION_REFUSED);
		ScriptedCheck again = hang(new ScriptedCheck("store").failing());
		for (int i = 0; i < 3; i++) {
			this.runner.run(again);
		}
		assertThat(output.getOut().split("connect or socket timeout", -1)).as("time-out lines").hasSize(2);
		assertThat(output.getOut().split("connection refused at db:3306", -1)).as("refused lines").hasSize(2);
	}

	private ScriptedCheck hang(ScriptedCheck check) {
		this.hanging.add(check);
		return check.hanging();
	}

}
