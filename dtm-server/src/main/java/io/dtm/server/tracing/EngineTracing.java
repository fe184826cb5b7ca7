package io.dtm.server.tracing;

import io.dtm.server.engine.GidCorrelation;
import io.micrometer.observation.ObservationRegistry;

/**
 * What the engine traces with: where passes and branch calls are observed, and how their
 * gid is made known. Without tracing the engine observes nothing (its observations would
 * only feed meters that are not registered) and puts the gid in the MDC only.
 *
 * @param observations where passes and branch calls are observed
 * @param correlation how the gid of a pass or call is made known
 */
public record EngineTracing(ObservationRegistry observations, GidCorrelation correlation) {

	/** No observations, the gid in the MDC only. */
	public static final EngineTracing NONE = new EngineTracing(ObservationRegistry.NOOP, GidCorrelation.LOGS);

}
