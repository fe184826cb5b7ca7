package io.dtm.server.engine;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import io.dtm.core.GlobalStatus;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.StatusChange;
import io.dtm.server.store.TransStore;

/**
 * The one place where a global transaction's status changes: it checks the
 * {@link GlobalStatusTransition} table and performs a guarded store update
 * ({@code WHERE status = expected}).
 */
public class StatusMachine {

	/** Size of the rollback_reason column. */
	static final int MAX_REASON_LENGTH = 1024;

	private final TransStore store;

	private final Clock clock;

	public StatusMachine(TransStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Move a transaction to a new status.
	 * @param trans the transaction as last read
	 * @param to the new status
	 * @param rollbackReason reason to store, or {@code null} to keep the stored one
	 * @return the transaction with its new status
	 * @throws IllegalStatusTransitionException when the change is not in the table
	 * @throws StaleTransactionException when the stored status is no longer the one read
	 */
	public GlobalTrans transition(GlobalTrans trans, GlobalStatus to, String rollbackReason) {
		GlobalStatusTransition.between(trans.status(), to)
			.orElseThrow(() -> new IllegalStatusTransitionException(trans.gid(), trans.status(), to));
		LocalDateTime now = LocalDateTime.now(this.clock).truncatedTo(ChronoUnit.SECONDS);
		String reason = fitted(rollbackReason);
		if (!this.store.changeStatus(new StatusChange(trans.gid(), trans.status(), to, reason, now))) {
			throw new StaleTransactionException(trans.gid(), trans.status());
		}
		GlobalTrans changed = trans.withStatus(to);
		return (reason != null) ? changed.withRollbackReason(reason) : changed;
	}

	/**
	 * A reason built from a branch's answer can be any length: keep what fits the column
	 * (dtm's varchar(1024)), marking the cut.
	 */
	static String fitted(String reason) {
		if (reason == null || reason.length() <= MAX_REASON_LENGTH) {
			return reason;
		}
		int end = MAX_REASON_LENGTH - 1;
		if (Character.isHighSurrogate(reason.charAt(end - 1))) {
			end--;
		}
		return reason.substring(0, end) + "\u2026";
	}

}
