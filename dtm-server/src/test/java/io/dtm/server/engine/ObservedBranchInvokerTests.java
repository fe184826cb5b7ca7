package io.dtm.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObservedBranchInvoker}: what an observed branch call sends and
 * reports.
 */
class ObservedBranchInvokerTests {

	private final AtomicReference<BranchRequest> sent = new AtomicReference<>();

	private final BranchInvoker participant = (request) -> {
		this.sent.set(request);
		return new BranchCallResult(BranchOutcome.SUCCESS, "HTTP 200", "");
	};

	@Test
	void whenTheRegistryIsNoopShouldSendTheRequestWithoutAddedHeaders() {
		BranchRequest request = request(Map.of("x-tenant", "t1"));

		new ObservedBranchInvoker(this.participant, "http", ObservationRegistry.NOOP, GidCorrelation.LOGS)
			.invoke(request);

		assertThat(this.sent.get()).isSameAs(request);
		assertThat(this.sent.get().headers()).containsOnlyKeys("x-tenant");
	}

	@Test
	void whenAHandlerInjectsATraceContextShouldSendItWithTheBranchHeaders() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new Injecting("00-trace-new-01"));

		new ObservedBranchInvoker(this.participant, "grpc", registry, GidCorrelation.LOGS)
			.invoke(request(Map.of("x-tenant", "t1", "Traceparent", "00-trace-stale-01")));

		assertThat(this.sent.get().headers()).containsOnly(Map.entry("x-tenant", "t1"),
				Map.entry("traceparent", "00-trace-new-01"));
	}

	@Test
	void whenACallEndsShouldReportItsTagsAndKeepTheGidOutOfTheLowCardinalityOnes() {
		ObservationRegistry registry = ObservationRegistry.create();
		List<Observation.Context> stopped = new ArrayList<>();
		registry.observationConfig().observationHandler(new Stopped(stopped));

		new ObservedBranchInvoker(this.participant, "json-rpc", registry, GidCorrelation.LOGS)
			.invoke(request(Map.of()));

		assertThat(stopped).singleElement().satisfies((context) -> {
			assertThat(context.getName()).isEqualTo("dtm.branch.call");
			assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
					KeyValue.of("trans_type", "saga"), KeyValue.of("op", "action"), KeyValue.of("protocol", "json-rpc"),
					KeyValue.of("outcome", "success"));
			assertThat(context.getHighCardinalityKeyValues()).contains(KeyValue.of("gid", "g1"),
					KeyValue.of("branch_id", "01"));
		});
	}

	@Test
	void whenCallingShouldPutTheGidInTheMdcOfTheCallOnly() {
		AtomicReference<String> duringCall = new AtomicReference<>();
		BranchInvoker reading = (request) -> {
			duringCall.set(MDC.get(GidCorrelation.MDC_KEY));
			return BranchCallResult.success();
		};

		new ObservedBranchInvoker(reading, "http", ObservationRegistry.NOOP, GidCorrelation.LOGS)
			.invoke(request(Map.of()));

		assertThat(duringCall.get()).isEqualTo("g1");
		assertThat(MDC.get(GidCorrelation.MDC_KEY)).isNull();
	}

	@Test
	void whenTheUrlIsEmptyShouldObserveNothing() {
		ObservationRegistry registry = ObservationRegistry.create();
		List<Observation.Context> stopped = new ArrayList<>();
		registry.observationConfig().observationHandler(new Stopped(stopped));

		new ObservedBranchInvoker(this.participant, "http", registry, GidCorrelation.LOGS).invoke(new BranchRequest("",
				"g1", TransType.SAGA, "01", BranchOp.ACTION, new byte[0], Map.of(), Duration.ofSeconds(1), "http"));

		assertThat(stopped).isEmpty();
	}

	private static BranchRequest request(Map<String, String> headers) {
		return new BranchRequest("http://p/api/TransOut", "g1", TransType.SAGA, "01", BranchOp.ACTION, new byte[0],
				headers, Duration.ofSeconds(1), "http");
	}

	/** Injects a trace context as a tracing handler would. */
	private record Injecting(String traceparent) implements ObservationHandler<BranchCallContext> {

		@Override
		public void onStart(BranchCallContext context) {
			context.getSetter().set(context.getCarrier(), "traceparent", this.traceparent);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof BranchCallContext;
		}

	}

	/** Collects the contexts of the observations that stopped. */
	private record Stopped(List<Observation.Context> contexts) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			this.contexts.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
