package io.dtm.core.diagnostics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the catalogue the only home of the D-codes: no main source file of any module
 * spells a code in a string literal (say {@code "D1002"} or
 * {@code "D1001 database connection failure: "}); codes, titles and actions come from
 * {@link DiagnosticCode} and {@link DiagnosticCause}.
 */
class DiagnosticCodeLiteralTests {

	private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern CODE = Pattern.compile("\\bD\\d{4}\\b");

	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".mvn", "node_modules");

	@Test
	void whenMainSourcesAreScannedShouldFindNoDCodeInAStringLiteral() throws IOException {
		List<Path> sources = mainSources(Path.of("..").toAbsolutePath().normalize());
		List<String> offenders = new ArrayList<>();
		for (Path source : sources) {
			List<String> lines = Files.readAllLines(source);
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i).strip();
				if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
					continue;
				}
				Matcher literal = STRING_LITERAL.matcher(line);
				while (literal.find()) {
					if (CODE.matcher(literal.group()).find()) {
						offenders.add(source + ":" + (i + 1) + ": " + literal.group());
					}
				}
			}
		}
		assertThat(sources).as("main sources found").hasSizeGreaterThan(100);
		assertThat(sources).anyMatch((source) -> source.toString().contains("dtm-server"))
			.anyMatch((source) -> source.toString().contains("dtm-spring-boot-starter"));
		assertThat(offenders).as("D-codes spelled outside the catalogue").isEmpty();
	}

	private static List<Path> mainSources(Path root) throws IOException {
		List<Path> sources = new ArrayList<>();
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
				return SKIPPED_DIRECTORIES.contains(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE
						: FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				String path = file.toString().replace('\\', '/');
				if (path.contains("/src/main/java/") && path.endsWith(".java")) {
					sources.add(file);
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				throw new UncheckedIOException(ex);
			}

		});
		return sources;
	}

}
