package io.dtm.server.engine;

import java.time.Duration;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;

/**
 * What the engine reports for monitoring: every branch call and every processing pass.
 * Status changes, finished transactions among them, reach monitoring as
 * {@link TransitionEvent}s.
 */
public interface EngineMetrics {

	/** Reports nothing. */
	EngineMetrics NONE = new EngineMetrics() {
	};

	/**
	 * A branch was called.
	 * @param type the mode
	 * @param branchId the branch id
	 * @param op the operation
	 * @param outcome the classified outcome
	 * @param elapsed how long the call took
	 */
	default void branchCalled(TransType type, String branchId, BranchOp op, BranchOutcome outcome, Duration elapsed) {
	}

	/**
	 * A processing pass ended.
	 * @param type the mode
	 * @param ok whether no branch call had an unknown outcome
	 */
	default void passCompleted(TransType type, boolean ok) {
	}

	/**
	 * The record of a branch call that did not succeed could not be written (the
	 * transaction was processed all the same).
	 */
	default void callRecordFailed() {
	}

}
