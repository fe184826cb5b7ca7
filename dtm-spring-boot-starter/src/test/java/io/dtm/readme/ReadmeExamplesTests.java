package io.dtm.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the starter's README and its examples from drifting: every {@code java} code
 * block of {@code README.md} must appear, as is, in a compiled source file of this
 * package.
 */
class ReadmeExamplesTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	@Test
	void whenReadmeShowsJavaShouldEveryBlockBeACompiledExample() throws IOException {
		String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8).replace("\r\n", "\n");
		List<String> blocks = new ArrayList<>();
		Matcher matcher = JAVA_BLOCK.matcher(readme);
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		List<String> sources = new ArrayList<>();
		try (Stream<Path> files = Files.list(Path.of("src/test/java/io/dtm/readme"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				sources.add(Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n"));
			}
		}
		assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(8);
		assertThat(blocks).allSatisfy((block) -> assertThat(sources)
			.as("a source file of io.dtm.readme containing the README block%n%s", block)
			.anySatisfy((source) -> assertThat(source).contains(block)));
	}

}
