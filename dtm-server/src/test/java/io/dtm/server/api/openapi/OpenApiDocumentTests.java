package io.dtm.server.api.openapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.dtm.core.BranchView;
import io.dtm.core.GlobalTransactionView;
import io.dtm.core.TransRequest;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the OpenAPI description a running coordinator serves: it is the committed
 * {@code docs/openapi.yaml}, it describes every {@code /api} mapping, and every
 * operation, answer, parameter and field in it is documented.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTests {

	/**
	 * The committed description, relative to the module directory (the tests' working
	 * directory).
	 */
	static final Path COMMITTED = Path.of("..", "docs", "openapi.yaml");

	/**
	 * With this system property {@code true} the test writes the file instead of
	 * comparing.
	 */
	static final String WRITE = "dtm.openapi.write";

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	ObjectMapper objectMapper;

	private final HttpClient client = HttpClient.newHttpClient();

	private JsonNode document;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.h2(registry);
	}

	@BeforeEach
	void readDocument() throws Exception {
		this.document = this.objectMapper.readTree(get("/v3/api-docs"));
	}

	@Test
	void whenTheServerRunsItsDescriptionShouldEqualTheCommittedFile() throws Exception {
		String served = normalized(get("/v3/api-docs.yaml"));
		if (Boolean.getBoolean(WRITE)) {
			Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
		}
		assertThat(COMMITTED).as("the committed OpenAPI description").exists();
		assertThat(served)
			.as("%s must be what /v3/api-docs.yaml serves. After changing the API or its "
					+ "documentation, regenerate it with ./mvnw -pl dtm-server -am verify -Dtest=none "
					+ "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OpenApiDocumentTests "
					+ "-Dfailsafe.failIfNoSpecifiedTests=false -D%s=true and review the diff (docs/developing.md, "
					+ "\"The OpenAPI description\")", COMMITTED, WRITE)
			.isEqualTo(normalized(Files.readString(COMMITTED, StandardCharsets.UTF_8)));
	}

	@Test
	void whenAControllerMapsAPathUnderApiTheDescriptionShouldHaveItsOperations() {
		Set<String> mapped = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String path : info.getPatternValues()) {
				if (path.startsWith("/api/") || path.equals("/api")) {
					mapped.add(path);
					// a mapping without a method answers every method; it is described as
					// GET
					for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
						assertThat(this.document.path("paths").path(path).has(method.name().toLowerCase(Locale.ROOT)))
							.as("%s %s is described", method, path)
							.isTrue();
					}
				}
			}
		}
		assertThat(mapped).contains("/api/dtmsvr/submit", "/api/dtmsvr/registerXaBranch",
				"/api/dtmsvr/topic/{topicName}", "/api/ping", "/api/health", "/api/json-rpc");
		assertThat(names(this.document.path("paths"))).as("described paths are mapped").isEqualTo(mapped);
	}

	@Test
	void whenTheDescriptionHasAnOperationItShouldDescribeItItsParametersAndItsAnswers() {
		List<String> operations = new ArrayList<>();
		this.document.path("paths")
			.fields()
			.forEachRemaining((path) -> path.getValue().fields().forEachRemaining((op) -> {
				String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
				JsonNode operation = op.getValue();
				operations.add(name);
				assertThat(operation.path("summary").asText()).as("summary of %s", name).isNotBlank();
				assertThat(operation.path("description").asText()).as("description of %s", name).isNotBlank();
				assertThat(operation.path("operationId").asText()).as("operationId of %s", name).doesNotContain("_");
				operation.path("parameters")
					.forEach((parameter) -> assertThat(parameter.path("description").asText())
						.as("description of parameter %s of %s", parameter.path("name").asText(), name)
						.isNotBlank());
				assertThat(operation.path("responses").has("200")).as("%s documents its 200", name).isTrue();
				operation.path("responses").fields().forEachRemaining((response) -> {
					assertThat(response.getValue().path("description").asText())
						.as("description of %s answer %s", name, response.getKey())
						.isNotBlank()
						.isNotEqualTo("OK");
					assertThat(schemas(response.getValue()))
						.as("body of %s answer %s is a documented schema, not springdoc's guess", name,
								response.getKey())
						.isNotEmpty()
						.allMatch((schema) -> schema.has("$ref") || "string".equals(schema.path("type").asText()));
				});
			}));
		assertThat(operations).isNotEmpty();
	}

	@Test
	void whenTheDescriptionDefinesASchemaItAndEveryPropertyShouldHaveADescription() {
		JsonNode schemas = this.document.path("components").path("schemas");
		assertThat(names(schemas)).contains("TransRequest", "RegisterBranchRequest", "Transaction", "Branch", "KvRow",
				"ErrorMessage", "Failure", "Ongoing", "Success");
		schemas.fields().forEachRemaining((schema) -> {
			assertThat(schema.getValue().path("description").asText()).as("description of %s", schema.getKey())
				.isNotBlank();
			assertPropertiesDescribed(schema.getKey(), schema.getValue());
		});
	}

	private static void assertPropertiesDescribed(String name, JsonNode schema) {
		assertThat(schema.path("properties").size()).as("properties of %s", name).isPositive();
		schema.path("properties").fields().forEachRemaining((property) -> {
			String path = name + "." + property.getKey();
			assertThat(property.getValue().path("description").asText()).as("description of %s", path).isNotBlank();
			if (property.getValue().has("properties")) {
				assertPropertiesDescribed(path, property.getValue());
			}
		});
	}

	@Test
	void whenAWireTypeOfDtmCoreChangesItsDocumentedTwinShouldNameTheSameFields() {
		assertThat(properties("TransRequest")).as("TransRequest's documented fields")
			.isEqualTo(jsonFields(TransRequest.class, false));
		assertThat(properties("Transaction")).as("Transaction's documented fields")
			.isEqualTo(jsonFields(GlobalTransactionView.class, true));
		assertThat(properties("Branch")).as("Branch's documented fields").isEqualTo(jsonFields(BranchView.class, true));
	}

	@Test
	void whenAKvRowIsAnsweredItShouldHaveTheDocumentedFields() throws Exception {
		String topic = "openapi-" + UUID.randomUUID().toString().substring(0, 8);
		get("/api/dtmsvr/subscribe?topic=" + topic + "&url=http://127.0.0.1:9/a");
		JsonNode row = this.objectMapper.readTree(get("/api/dtmsvr/queryKV?cat=topics&key=" + topic)).path("kv").get(0);

		assertThat(names(row)).isEqualTo(properties("KvRow"));
	}

	private Set<String> properties(String schema) {
		return names(this.document.path("components").path("schemas").path(schema).path("properties"));
	}

	private Set<String> jsonFields(Class<?> type, boolean serialized) {
		BeanDescription description = serialized
				? this.objectMapper.getSerializationConfig().introspect(this.objectMapper.constructType(type))
				: this.objectMapper.getDeserializationConfig().introspect(this.objectMapper.constructType(type));
		Set<String> names = new TreeSet<>();
		for (BeanPropertyDefinition property : description.findProperties()) {
			boolean ignored = description.getIgnoredPropertyNames().contains(property.getInternalName());
			if (!ignored && (serialized ? property.couldSerialize() : property.couldDeserialize())) {
				names.add(property.getName());
			}
		}
		return names;
	}

	private static List<JsonNode> schemas(JsonNode response) {
		List<JsonNode> schemas = new ArrayList<>();
		response.path("content").forEach((media) -> schemas.add(media.path("schema")));
		return schemas;
	}

	private static Set<String> names(JsonNode object) {
		Set<String> names = new TreeSet<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
			names.add(fields.next().getKey());
		}
		return names;
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

	private static String normalized(String text) {
		String unix = text.replace("\r\n", "\n");
		return unix.endsWith("\n") ? unix : unix + "\n";
	}

}
