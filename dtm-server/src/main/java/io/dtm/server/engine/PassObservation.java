package io.dtm.server.engine;

import java.util.Locale;

import io.dtm.core.BranchOutcome;
import io.dtm.server.store.GlobalTrans;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * The observation of one processing pass, {@value #NAME}: low-cardinality keys
 * {@code trans_type} and {@code outcome} (the worst branch outcome, {@code none} when no
 * branch was called), high-cardinality key {@code gid}. Its span is the parent of the
 * pass's branch calls; its own parent is whatever observation is current when the pass
 * starts (the API request that submitted the transaction), or none (a new trace) for a
 * pass the cron starts.
 */
public final class PassObservation {

	/** The name of the observation, the span and its timer. */
	public static final String NAME = "dtm.trans.pass";

	private PassObservation() {
	}

	/**
	 * Start the observation of a pass.
	 * @param trans the transaction
	 * @param registry where it goes
	 * @return the started observation
	 */
	static Observation start(GlobalTrans trans, ObservationRegistry registry) {
		if (registry.isNoop()) {
			return Observation.NOOP;
		}
		return Observation.createNotStarted(NAME, registry)
			.contextualName("dtm pass " + trans.transType().wireValue())
			.lowCardinalityKeyValue("trans_type", trans.transType().wireValue())
			.lowCardinalityKeyValue("outcome", "none")
			.highCardinalityKeyValue("gid", trans.gid())
			.start();
	}

	/**
	 * Record how the pass ended.
	 * @param observation the pass's observation
	 * @param worst the worst branch outcome, or {@code null}
	 */
	static void outcome(Observation observation, BranchOutcome worst) {
		if (worst != null) {
			observation.lowCardinalityKeyValue("outcome", worst.name().toLowerCase(Locale.ROOT));
		}
	}

}
