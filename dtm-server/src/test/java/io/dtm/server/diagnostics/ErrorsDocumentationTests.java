package io.dtm.server.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.DiagnosticCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/errors.md} in step with the {@link DiagnosticCause} catalogue: every
 * code has a section and every cause is documented with its title.
 */
class ErrorsDocumentationTests {

	@Test
	void errorsDocumentWhenReadShouldDescribeEveryCodeAndCause() throws IOException {
		String doc = Files.readString(Path.of("..", "docs", "errors.md"));
		for (DiagnosticCode code : DiagnosticCode.values()) {
			assertThat(doc).as("section for %s", code).contains("## " + code.name() + " — " + code.title());
		}
		for (DiagnosticCause cause : DiagnosticCause.values()) {
			assertThat(doc).as("row for %s", cause).contains("| " + cause.title() + " |");
		}
	}

}
