package io.dtm.client.barrier;

/**
 * What a barrier call did with the business work.
 */
public enum BarrierOutcome {

	/**
	 * First arrival of this operation: the work ran (and commits with the barrier row).
	 */
	EXECUTED,
	/**
	 * The same operation arrived before (a retry by the coordinator, or a msg
	 * {@code doAndSubmit} repeated for a gid whose work committed): the work was skipped.
	 */
	DUPLICATE,
	/**
	 * A compensation, cancel or rollback arrived for an action or try that never ran:
	 * nothing to undo, the work was skipped and the action or try is now blocked.
	 */
	NULL_COMPENSATION,
	/**
	 * An action or try arrived after its compensation or cancel (it hung in the network):
	 * the work was skipped so nothing is left behind that would never be undone.
	 */
	HANGING;

	/**
	 * Whether the business work ran.
	 * @return {@code true} only for {@link #EXECUTED}
	 */
	public boolean executed() {
		return this == EXECUTED;
	}

}
