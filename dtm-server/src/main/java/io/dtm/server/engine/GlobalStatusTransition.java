package io.dtm.server.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.dtm.core.GlobalStatus;

/**
 * Every legal change of a global transaction's status. Nothing outside this table can
 * happen: {@link StatusMachine} refuses any other pair.
 */
public enum GlobalStatusTransition {

	/** submit of a prepared msg/tcc/xa, or a msg check-back answering SUCCESS. */
	PREPARED_TO_SUBMITTED(GlobalStatus.PREPARED, GlobalStatus.SUBMITTED),
	/** abort or timeout of a prepared tcc/xa. */
	PREPARED_TO_ABORTING(GlobalStatus.PREPARED, GlobalStatus.ABORTING),
	/**
	 * abort of a prepared msg, a check-back answering FAILURE, a workflow submitted as
	 * failed, or forceStop.
	 */
	PREPARED_TO_FAILED(GlobalStatus.PREPARED, GlobalStatus.FAILED),
	/** a workflow submitted as succeeded by its client. */
	PREPARED_TO_SUCCEED(GlobalStatus.PREPARED, GlobalStatus.SUCCEED),
	/** every branch succeeded. */
	SUBMITTED_TO_SUCCEED(GlobalStatus.SUBMITTED, GlobalStatus.SUCCEED),
	/** a saga action answered FAILURE, timed out or used up its retry limit. */
	SUBMITTED_TO_ABORTING(GlobalStatus.SUBMITTED, GlobalStatus.ABORTING),
	/** forceStop of a submitted transaction. */
	SUBMITTED_TO_FAILED(GlobalStatus.SUBMITTED, GlobalStatus.FAILED),
	/** every rollback branch succeeded, or forceStop. */
	ABORTING_TO_FAILED(GlobalStatus.ABORTING, GlobalStatus.FAILED);

	private static final Map<GlobalStatus, Map<GlobalStatus, GlobalStatusTransition>> TABLE = new EnumMap<>(
			GlobalStatus.class);

	static {
		for (GlobalStatusTransition transition : values()) {
			TABLE.computeIfAbsent(transition.from, (key) -> new EnumMap<>(GlobalStatus.class))
				.put(transition.to, transition);
		}
	}

	private final GlobalStatus from;

	private final GlobalStatus to;

	GlobalStatusTransition(GlobalStatus from, GlobalStatus to) {
		this.from = from;
		this.to = to;
	}

	public GlobalStatus from() {
		return this.from;
	}

	public GlobalStatus to() {
		return this.to;
	}

	/**
	 * Look up the transition between two statuses.
	 * @param from current status
	 * @param to wanted status
	 * @return the transition, or empty when the change is illegal
	 */
	public static Optional<GlobalStatusTransition> between(GlobalStatus from, GlobalStatus to) {
		return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(to));
	}

}
