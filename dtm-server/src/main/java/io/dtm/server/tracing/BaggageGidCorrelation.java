package io.dtm.server.tracing;

import io.dtm.server.engine.GidCorrelation;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Tracer;

/**
 * The gid in the MDC and as the baggage field {@value #FIELD}, which travels to
 * participants in the W3C {@code baggage} header (and as a header of its own when it is
 * listed in {@code management.tracing.baggage.remote-fields}).
 */
public class BaggageGidCorrelation implements GidCorrelation {

	/** The baggage field that carries the gid. */
	public static final String FIELD = "dtm-gid";

	private final Tracer tracer;

	/**
	 * Correlate through a tracer.
	 * @param tracer creates the baggage
	 */
	public BaggageGidCorrelation(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public Scope open(String gid) {
		Scope mdc = GidCorrelation.mdc(gid);
		if (gid == null) {
			return mdc;
		}
		BaggageInScope baggage = this.tracer.createBaggageInScope(FIELD, gid);
		return () -> {
			baggage.close();
			mdc.close();
		};
	}

}
