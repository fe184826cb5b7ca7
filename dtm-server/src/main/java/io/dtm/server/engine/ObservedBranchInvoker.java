package io.dtm.server.engine;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes the calls of another invoker: each call that goes out (a non-empty URL) is a
 * {@value BranchCallConvention#NAME} observation, and so with tracing on a client span
 * whose context travels to the participant in the headers a tracing handler injects
 * ({@code traceparent}, baggage). The gid is made known to the thread's logs during the
 * call ({@link GidCorrelation}). With {@link ObservationRegistry#NOOP} nothing is added
 * to the call.
 */
public class ObservedBranchInvoker implements BranchInvoker {

	private static final BranchCallConvention DEFAULT_CONVENTION = new BranchCallConvention();

	private final BranchInvoker delegate;

	private final String protocol;

	private final ObservationRegistry registry;

	private final GidCorrelation correlation;

	/**
	 * Observe an invoker.
	 * @param delegate makes the calls
	 * @param protocol the {@code protocol} tag: {@code http}, {@code json-rpc} or
	 * {@code grpc}
	 * @param registry where observations go; {@link ObservationRegistry#NOOP} for none
	 * @param correlation makes the gid known during a call
	 */
	public ObservedBranchInvoker(BranchInvoker delegate, String protocol, ObservationRegistry registry,
			GidCorrelation correlation) {
		this.delegate = delegate;
		this.protocol = protocol;
		this.registry = registry;
		this.correlation = correlation;
	}

	@Override
	public BranchCallResult invoke(BranchRequest request) {
		if (request.url() == null || request.url().isEmpty()) {
			return this.delegate.invoke(request);
		}
		try (GidCorrelation.Scope gid = this.correlation.open(request.gid())) {
			if (this.registry.isNoop()) {
				return this.delegate.invoke(request);
			}
			return observed(request);
		}
	}

	private BranchCallResult observed(BranchRequest request) {
		BranchCallContext context = new BranchCallContext(request, this.protocol);
		Observation observation = Observation.createNotStarted(null, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			BranchCallResult result = this.delegate.invoke(context.outgoing());
			context.setResponse(result);
			return result;
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
