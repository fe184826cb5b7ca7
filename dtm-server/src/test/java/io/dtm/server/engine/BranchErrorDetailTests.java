package io.dtm.server.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.engine.TransWorker.PassOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A branch call that gets no answer says which URL it tried and why, in words.
 */
class BranchErrorDetailTests {

	private final HttpBranchInvoker invoker = new HttpBranchInvoker(
			HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), UrlResolver.withServices(List.of()));

	@Test
	void whenNothingListensShouldSayConnectionRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		BranchCallResult result = this.invoker.invoke(request("http://127.0.0.1:" + port + "/api/TransOut"));

		assertThat(result.outcome()).isEqualTo(BranchOutcome.ERROR);
		assertThat(result.detail()).isEqualTo("connection refused");
		assertThat(result.code()).isEqualTo("connection refused");
	}

	@Test
	void whenTheHostDoesNotExistShouldSayUnknownHost() {
		BranchCallResult result = this.invoker.invoke(request("http://no-such-host.invalid/api/TransOut"));

		assertThat(result.outcome()).isEqualTo(BranchOutcome.ERROR);
		assertThat(result.detail()).startsWith("unknown host");
		assertThat(result.code()).isEqualTo("unknown host");
	}

	@Test
	void whenTheParticipantAnswersTheCodeShouldBeTheHttpStatus() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			byte[] body = "{\"dtm_result\":\"FAILURE\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(409, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			BranchCallResult result = this.invoker
				.invoke(request("http://127.0.0.1:" + server.getAddress().getPort() + "/api/TransOut"));

			assertThat(result.outcome()).isEqualTo(BranchOutcome.FAILURE);
			assertThat(result.code()).isEqualTo("409");
			assertThat(result.detail()).isEqualTo("HTTP 409 {\"dtm_result\":\"FAILURE\"}");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void whenTheCauseIsUnknownShouldKeepTheExceptionNameWithoutNull() {
		assertThat(TransportErrors.describe(new IOException())).isEqualTo("IOException");
		assertThat(TransportErrors.describe(new IOException("boom"))).isEqualTo("IOException: boom");
		assertThat(TransportErrors.describe(new IOException(new java.net.ConnectException())))
			.isEqualTo("connection refused");
		assertThat(TransportErrors.classify(new IOException("boom")).code()).isEqualTo("transport error");
		assertThat(TransportErrors.classify(new java.net.http.HttpConnectTimeoutException("x")).code())
			.isEqualTo("connect timeout");
		assertThat(TransportErrors.classify(new java.net.http.HttpTimeoutException("x")).code()).isEqualTo("timeout");
	}

	@Test
	void whenABranchErrorsThePassShouldNameTheOpBranchAndUrl() {
		EngineHarness engine = new EngineHarness();
		engine.storedSaga("e1", GlobalStatus.SUBMITTED, "", new TransOptions(false, 0, 0, 0, null, false, 0, 0),
				BranchStatus.PREPARED);
		engine.invoker.always("/A1", BranchOutcome.ERROR);

		Optional<PassOutcome> outcome = engine.worker.process(engine.global("e1"));

		assertThat(outcome).isPresent();
		assertThat(outcome.get().lastError()).startsWith("action 01 http://p/A1: ");
	}

	private static BranchRequest request(String url) {
		return new BranchRequest(url, "g1", TransType.SAGA, "01", BranchOp.ACTION, new byte[0], Map.of(),
				Duration.ofSeconds(2), "http");
	}

}
