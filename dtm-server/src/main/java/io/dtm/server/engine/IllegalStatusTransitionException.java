package io.dtm.server.engine;

import io.dtm.core.GlobalStatus;

/**
 * Thrown when code asks for a status change that {@link GlobalStatusTransition} does not
 * list. This is a coordinator bug, never a client error.
 */
public class IllegalStatusTransitionException extends IllegalStateException {

	private final String gid;

	private final GlobalStatus from;

	private final GlobalStatus to;

	IllegalStatusTransitionException(String gid, GlobalStatus from, GlobalStatus to) {
		super("transaction '" + gid + "' tried an illegal status transition from " + from + " to " + to);
		this.gid = gid;
		this.from = from;
		this.to = to;
	}

	public String getGid() {
		return this.gid;
	}

	public GlobalStatus getFrom() {
		return this.from;
	}

	public GlobalStatus getTo() {
		return this.to;
	}

}
