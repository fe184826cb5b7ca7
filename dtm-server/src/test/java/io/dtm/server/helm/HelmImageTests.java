package io.dtm.server.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.Yaml;

import static io.dtm.server.helm.HelmChart.CHART;
import static io.dtm.server.helm.HelmChart.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image the Helm chart pulls by default is the image the build produces: the Jib
 * {@code to.image} of {@code dtm-server/pom.xml}, its properties resolved, against the
 * chart's {@code image.repository} and {@code appVersion} and the rendered Deployment.
 */
class HelmImageTests {

	private static final Path POM = Path.of("pom.xml");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

	@Test
	void whenRenderedWithDefaultValuesTheChartShouldPullTheImageJibBuilds() {
		assertThat(HelmChart.render(null).container().get("image")).as("Deployment image vs Jib to.image in %s", POM)
			.isEqualTo(jibImage());
	}

	@Test
	void whenJibTagsTheImageTheTagShouldBeTheChartsAppVersionAndTheRepositoryItsDefault() throws IOException {
		String image = jibImage();
		int colon = image.lastIndexOf(':');
		assertThat(image.substring(0, colon)).as("values.yaml image.repository")
			.isEqualTo(path(yaml(CHART.resolve("values.yaml")), "image.repository"));
		assertThat(image.substring(colon + 1)).as("Chart.yaml appVersion")
			.isEqualTo(path(yaml(CHART.resolve("Chart.yaml")), "appVersion"));
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new Yaml().load(in);
		}
	}

	/**
	 * Jib's {@code to.image} with this pom's properties and {@code project.version}
	 * resolved.
	 */
	private static String jibImage() {
		Element project = pom().getDocumentElement();
		Map<String, String> properties = new HashMap<>();
		properties.put("project.version", text(child(project, "parent"), "version"));
		String ownVersion = text(project, "version");
		if (ownVersion != null) {
			properties.put("project.version", ownVersion);
		}
		Element props = child(project, "properties");
		NodeList all = props.getChildNodes();
		for (int i = 0; i < all.getLength(); i++) {
			if (all.item(i) instanceof Element property) {
				properties.put(property.getTagName(), property.getTextContent().trim());
			}
		}
		String image = null;
		NodeList plugins = child(child(project, "build"), "plugins").getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			Element plugin = (Element) plugins.item(i);
			if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
				image = text(child(child(plugin, "configuration"), "to"), "image");
			}
		}
		assertThat(image).as("jib-maven-plugin configuration/to/image in %s", POM).isNotBlank();
		Matcher placeholders = PLACEHOLDER.matcher(image);
		StringBuilder resolved = new StringBuilder();
		while (placeholders.find()) {
			String value = properties.get(placeholders.group(1));
			assertThat(value).as("property %s of Jib's to.image %s", placeholders.group(1), image).isNotNull();
			placeholders.appendReplacement(resolved, Matcher.quoteReplacement(value));
		}
		placeholders.appendTail(resolved);
		return resolved.toString();
	}

	private static Document pom() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(POM.toFile());
		}
		catch (ParserConfigurationException | SAXException | IOException ex) {
			throw new IllegalStateException("cannot read " + POM, ex);
		}
	}

	private static Element child(Element parent, String name) {
		assertThat(parent).as("parent of <%s>", name).isNotNull();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

	private static String text(Element parent, String name) {
		Element element = child(parent, name);
		return (element != null) ? element.getTextContent().trim() : null;
	}

}
