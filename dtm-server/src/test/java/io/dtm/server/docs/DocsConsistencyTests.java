package io.dtm.server.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
	void whenNacosDocsSayServiceUrlsWorkTheApiDocsShouldNotSayTheyAreRejected() throws IOException {
		assertThat(read("docs/nacos.md")).contains("nacos://order-svc/api/TransOut");
		String notSupported = section(read("docs/api.md"), "## Not supported");
		assertThat(notSupported).doesNotContainPattern("`nacos://`, `lb://`[^.]*are rejected")
			.contains("accepted only while service\n  discovery is on");
	}

}
