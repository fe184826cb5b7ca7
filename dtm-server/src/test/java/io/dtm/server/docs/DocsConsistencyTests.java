package io.dtm.server.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.dtm.server.config.DtmServerProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements the README and docs make about the coordinator, checked against the code and
 * against each other, so that a new user is not told two different things.
 */
class DocsConsistencyTests {

	private static String read(String path) throws IOException {
		return Files.readString(Path.of("..").resolve(path));
	}

	private static String section(String text, String heading) {
		int start = text.indexOf(heading);
		assertThat(start).as("section %s", heading).isNotNegative();
		int end = text.indexOf("\n## ", start + heading.length());
		return text.substring(start, (end > 0) ? end : text.length());
	}

	@Test
	void whenTheReadmeSaysWhereSpringBootRunKeepsH2DataItShouldBeTheModuleDirectoryPlusTheDefault() throws IOException {
		String defaultDir = new DtmServerProperties().getStore().getH2().getDataDir().toString();
		String expected = "dtm-server/" + Path.of(defaultDir).normalize();
		assertThat(section(read("README.md"), "## Quick start"))
			.as("spring-boot:run starts in the module directory, so the data is in %s", expected)
			.contains("`spring-boot:run` keeps the data in\n   `" + expected + "`")
			.doesNotContain("data in `./data`)");
	}

	@Test
	void whenConfigurationRequiresTheMariaDbProductNameTheReadmeProductionLineShouldSayIt() throws IOException {
		String setting = "spring.jpa.properties.jakarta.persistence.database-product-name=MariaDB";
		assertThat(read("docs/configuration.md")).contains("jakarta.persistence.database-product-name: MariaDB");
		assertThat(section(read("README.md"), "## Production store")).contains("--" + setting);
	}

	@Test
	void whenTestSupportReadsDtmTestVariablesTheDevelopingPageShouldNameExactlyThose() throws IOException {
		Set<String> read = new TreeSet<>();
		for (String helper : List.of("ExternalServices", "NacosTestServer")) {
			read.addAll(
					variables(Files.readString(Path.of("src/test/java/io/dtm/server/testsupport", helper + ".java"))));
		}
		assertThat(read).contains("DTM_TEST_MYSQL_URL", "DTM_TEST_REDIS_URL", "DTM_TEST_PG_URL");
		assertThat(variables(read("docs/developing.md"))).isEqualTo(read);
		assertThat(read("README.md")).contains("./mvnw test").contains("(docs/developing.md)");
	}

	private static Set<String> variables(String text) {
		return Pattern.compile("DTM_TEST_[A-Z_]+")
			.matcher(text)
			.results()
			.map(MatchResult::group)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	@Test
	void whenNacosDocsSayServiceUrlsWorkTheApiDocsShouldNotSayTheyAreRejected() throws IOException {
		assertThat(read("docs/nacos.md")).contains("nacos://order-svc/api/TransOut");
		String notSupported = section(read("docs/api.md"), "## Not supported");
		assertThat(notSupported).doesNotContainPattern("`nacos://`, `lb://`[^.]*are rejected")
			.contains("accepted only while service\n  discovery is on");
	}

}
