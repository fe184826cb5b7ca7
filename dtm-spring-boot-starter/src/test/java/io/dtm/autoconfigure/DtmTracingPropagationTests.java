package io.dtm.autoconfigure;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.dtm.client.DtmTemplate;
import io.dtm.client.grpc.GrpcCoordinatorTransport;
import io.dtm.server.testsupport.GrpcParticipant;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a participant with tracing on sends its current trace to the coordinator:
 * {@code DtmTemplate}'s calls over HTTP (Spring Boot's observed {@code RestClient}) and
 * over gRPC (the transport's observation interceptor).
 */
class DtmTracingPropagationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ObservationAutoConfiguration.class, OpenTelemetryAutoConfiguration.class,
						OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
						RestClientAutoConfiguration.class, HttpClientObservationsAutoConfiguration.class,
						DtmClientAutoConfiguration.class, DtmGrpcAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	@Test
	void whenAnHttpCoordinatorCallIsMadeInASpanItShouldCarryThatTrace() throws Exception {
		List<String> traceparents = new CopyOnWriteArrayList<>();
		HttpServer coordinator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		coordinator.createContext("/api/dtmsvr/newGid", (exchange) -> {
			traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
			byte[] body = "{\"gid\":\"g1\",\"dtm_result\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		coordinator.start();
		try {
			this.runner
				.withPropertyValues("dtm.client.server-url=http://127.0.0.1:" + coordinator.getAddress().getPort())
				.run((context) -> {
					String traceId = inSpan(context.getBean(Tracer.class),
							() -> context.getBean(DtmTemplate.class).newGid());
					assertThat(traceparents).singleElement()
						.satisfies((header) -> assertThat(header).contains(traceId));
				});
		}
		finally {
			coordinator.stop(0);
		}
	}

	@Test
	void whenAGrpcCoordinatorCallIsMadeInASpanItShouldCarryThatTrace() {
		try (GrpcParticipant coordinator = GrpcParticipant.start()) {
			this.runner
				.withPropertyValues("dtm.client.transport=grpc",
						"dtm.client.grpc-target=127.0.0.1:" + coordinator.port())
				.run((context) -> {
					String traceId = inSpan(context.getBean(Tracer.class),
							() -> context.getBean(GrpcCoordinatorTransport.class).newGid());
					assertThat(coordinator.calls()).singleElement()
						.satisfies((call) -> assertThat(call.metadata().get("traceparent")).contains(traceId));
				});
		}
	}

	private static String inSpan(Tracer tracer, Runnable call) {
		Span span = tracer.nextSpan().name("incoming request").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			call.run();
			return span.context().traceId();
		}
		finally {
			span.end();
		}
	}

}
