package io.dtm.server.engine;

import io.dtm.core.GlobalStatus;

/**
 * Thrown when a guarded update did not apply because another request or instance changed
 * the transaction first. The current pass stops; the stored state stays consistent.
 */
public class StaleTransactionException extends RuntimeException {

	private final String gid;

	private final GlobalStatus expected;

	StaleTransactionException(String gid, GlobalStatus expected) {
		super("transaction '" + gid + "' is no longer " + expected + "; another request or instance changed it");
		this.gid = gid;
		this.expected = expected;
	}

	public String getGid() {
		return this.gid;
	}

	public GlobalStatus getExpected() {
		return this.expected;
	}

}
