package io.dtm.server.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls branches over HTTP as dtm does: {@code gid}, {@code trans_type},
 * {@code branch_id} and {@code op} appended to the query string; POST with the payload
 * when there is one (always for xa), GET otherwise;
 * {@code Content-Type: application/json}; the transaction's branch headers; the
 * per-transaction timeout. One shared, pooled {@link HttpClient}. Service URLs
 * ({@code nacos://}, {@code lb://}) are resolved before each call; a URL that cannot be
 * resolved now is a retryable error.
 */
public class HttpBranchInvoker implements BranchInvoker {

	private static final Logger logger = LoggerFactory.getLogger(HttpBranchInvoker.class);

	private static final int DETAIL_LIMIT = 200;

	private final HttpClient client;

	private final UrlResolver resolver;

	public HttpBranchInvoker(HttpClient client, UrlResolver resolver) {
		this.client = client;
		this.resolver = resolver;
	}

	@Override
	public BranchCallResult invoke(BranchRequest request) {
		if (request.url() == null || request.url().isEmpty()) {
			return BranchCallResult.success();
		}
		URI target;
		try {
			target = this.resolver.resolve(URI.create(request.url()));
		}
		catch (RuntimeException ex) {
			return logged(request, "cannot resolve the URL now: " + ex.getMessage());
		}
		try {
			HttpResponse<String> response = this.client.send(toHttpRequest(target, request),
					HttpResponse.BodyHandlers.ofString());
			BranchOutcome outcome = BranchOutcome.fromHttp(response.statusCode(), response.body());
			return new BranchCallResult(outcome, "HTTP " + response.statusCode() + " " + excerpt(response.body()));
		}
		catch (HttpTimeoutException ex) {
			return logged(request, "timed out after " + request.timeout().toMillis() + " ms");
		}
		catch (IOException | RuntimeException ex) {
			return logged(request, TransportErrors.describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return BranchCallResult.error("interrupted");
		}
	}

	private HttpRequest toHttpRequest(URI target, BranchRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(withProtocolParameters(target, request))
			.timeout(request.timeout())
			.header("Content-Type", "application/json");
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			builder.header(header.getKey(), header.getValue());
		}
		byte[] payload = request.payload();
		boolean post = (payload != null && payload.length > 0) || request.transType() == TransType.XA;
		return post ? builder.POST(HttpRequest.BodyPublishers.ofByteArray((payload != null) ? payload : new byte[0]))
			.build() : builder.GET().build();
	}

	private static URI withProtocolParameters(URI target, BranchRequest request) {
		String url = target.toString();
		StringBuilder sb = new StringBuilder(url.length() + 96).append(url);
		sb.append(url.indexOf('?') >= 0 ? '&' : '?');
		sb.append("gid=").append(encode(request.gid()));
		sb.append("&trans_type=").append(request.transType().wireValue());
		sb.append("&branch_id=").append(encode(request.branchId()));
		sb.append("&op=").append(request.op().wireValue());
		return URI.create(sb.toString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static BranchCallResult logged(BranchRequest request, String detail) {
		logger.warn("branch call failed, will be retried: gid={} branch_id={} op={} url={}: {}", request.gid(),
				request.branchId(), request.op(), request.url(), detail);
		return BranchCallResult.error(detail);
	}

	static String excerpt(String body) {
		if (body == null) {
			return "";
		}
		return (body.length() <= DETAIL_LIMIT) ? body : body.substring(0, DETAIL_LIMIT) + "...";
	}

}
