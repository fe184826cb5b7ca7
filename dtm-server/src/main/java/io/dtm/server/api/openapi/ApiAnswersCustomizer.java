package io.dtm.server.api.openapi;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.dtm.core.diagnostics.DiagnosticCode;
import io.dtm.server.api.openapi.ApiAnswers.ErrorMessage;
import io.dtm.server.api.openapi.ApiAnswers.Failure;
import io.dtm.server.api.openapi.ApiAnswers.Ongoing;
import io.dtm.server.security.ApiAccess;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.util.AntPathMatcher;

/**
 * What the controllers' annotations leave to one place:
 * <ul>
 * <li>the body of every error answer, by status, as {@code DtmExceptionHandler} and the
 * security and limit filters write it ({@code Failure} for 409, {@code Ongoing} for 425,
 * {@code ErrorMessage} otherwise) unless the operation names its own;</li>
 * <li>the answers any call of the API can get that the operation does not name itself:
 * 413 (a body over the size limit), 500 and 503 (the store failed), and 401, 403 and 429
 * when API access or the rate limit is configured;</li>
 * <li>a path that answers every method (a {@code @RequestMapping} without one) is
 * described once, as {@code GET};</li>
 * <li>an operation mapped at several paths is named after each path
 * ({@code registerTccBranch}) rather than numbered.</li>
 * </ul>
 */
class ApiAnswersCustomizer implements OpenApiCustomizer {

	private static final String DTM_API = "/api/dtmsvr/";

	private static final String JSON_RPC = "/api/json-rpc";

	private static final Set<String> PROBES = Set.of("/api/ping", "/api/health");

	private static final Set<HttpMethod> EVERY_METHOD = EnumSet.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	private static final Pattern NUMBERED = Pattern.compile("_\\d+$");

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	@Override
	public void customise(OpenAPI openApi) {
		for (Class<?> envelope : new Class<?>[] { ErrorMessage.class, Failure.class, Ongoing.class }) {
			ModelConverters.getInstance(true)
				.readAll(new AnnotatedType(envelope))
				.forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
		}
		openApi.getPaths().values().forEach(ApiAnswersCustomizer::describeEveryMethodOnce);
		nameSharedOperations(openApi);
		openApi.getPaths().forEach(ApiAnswersCustomizer::addAnswers);
		if (openApi.getTags() != null) {
			openApi.getTags().sort(Comparator.comparing(Tag::getName));
		}
	}

	private static void describeEveryMethodOnce(PathItem item) {
		if (item.readOperationsMap().keySet().containsAll(EVERY_METHOD)) {
			Operation get = item.getGet();
			EVERY_METHOD.forEach((method) -> item.operation(method, null));
			item.setGet(get);
		}
	}

	/**
	 * One handler method mapped at several paths gives operations of one name
	 * (springdoc's own customizer numbers them, before or after this one runs): each is
	 * named after its path instead.
	 */
	private static void nameSharedOperations(OpenAPI openApi) {
		Map<String, Map<String, Operation>> byName = new HashMap<>();
		openApi.getPaths()
			.forEach((path, item) -> item.readOperations()
				.forEach((operation) -> byName
					.computeIfAbsent(NUMBERED.matcher(String.valueOf(operation.getOperationId())).replaceFirst(""),
							(name) -> new HashMap<>())
					.put(path, operation)));
		byName.values()
			.stream()
			.filter((operations) -> operations.size() > 1)
			.forEach((operations) -> operations
				.forEach((path, operation) -> operation.setOperationId(path.substring(path.lastIndexOf('/') + 1))));
	}

	private static void addAnswers(String path, PathItem item) {
		item.readOperations().forEach((operation) -> {
			addCommonAnswers(path, operation);
			operation.getResponses().forEach(ApiAnswersCustomizer::addEnvelope);
		});
	}

	private static void addCommonAnswers(String path, Operation operation) {
		if (PROBES.contains(path)) {
			return;
		}
		ApiResponses responses = operation.getResponses();
		boolean callsTheCoordinator = path.startsWith(DTM_API) || path.equals(JSON_RPC);
		if (callsTheCoordinator && operation.getRequestBody() != null) {
			responses.computeIfAbsent("413", (code) -> answer("The body is larger than "
					+ "`dtm.server.limits.max-request-bytes` (32 MiB): refused before it is read, nothing is written."));
		}
		if (path.startsWith(DTM_API)) {
			responses.computeIfAbsent("500", (code) -> answer("Any other error, with its `message`; also when the "
					+ "store refused a statement (then with the D-code in `code`)."));
			responses.computeIfAbsent("503",
					(code) -> answer("The store is unreachable (calls that read or write " + "it): `code` "
							+ DiagnosticCode.D1001 + " (SQL) or " + DiagnosticCode.D1002
							+ " (Redis), the message says the cause and what to do."));
		}
		responses.computeIfAbsent("401", (code) -> answer("Only with `dtm.server.security.api.authentication=token`: "
				+ "no bearer token, or one that is not configured (`WWW-Authenticate: Bearer`)."));
		responses.computeIfAbsent("403", (code) -> answer(forbidden(path)));
		if (callsTheCoordinator) {
			responses.computeIfAbsent("429", (code) -> answer("Only with `dtm.server.limits.rate-per-client`: this "
					+ "client address made too many calls; retry after the `Retry-After` seconds (1)."));
		}
		if (operation.getSecurity() == null) {
			// no token, or a bearer token: which one depends on dtm.server.security.api
			operation.addSecurityItem(new SecurityRequirement());
			operation.addSecurityItem(new SecurityRequirement().addList(OpenApiConfiguration.API_TOKEN));
		}
	}

	private static String forbidden(String path) {
		String network = "The caller's address is outside `dtm.server.security.api.client-networks`";
		boolean operatorCall = ApiAccess.OPERATOR_PATHS.stream()
			.anyMatch((pattern) -> PATHS.match(pattern, path.replaceAll("[{}]", "")));
		return operatorCall ? network + ", or (with `dtm.server.security.api.operator-calls=operator`, this being an "
				+ "operator call) the token is not an `OPERATOR` token." : network + ".";
	}

	private static ApiResponse answer(String description) {
		return new ApiResponse().description(description);
	}

	private static void addEnvelope(String code, ApiResponse response) {
		if (code.startsWith("2") || !isEmptyOrInferred(response.getContent())) {
			return;
		}
		String envelope = switch (code) {
			case "409" -> "Failure";
			case "425" -> "Ongoing";
			default -> "ErrorMessage";
		};
		response.setContent(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + envelope))));
	}

	/**
	 * No content, or only what springdoc inferred from the handler's {@code Map} return
	 * type (an object of anything), which says nothing about an error's body.
	 */
	private static boolean isEmptyOrInferred(Content content) {
		return content == null || content.values()
			.stream()
			.allMatch((media) -> media.getSchema() == null
					|| (media.getSchema().get$ref() == null && media.getSchema().getAdditionalProperties() != null));
	}

}
