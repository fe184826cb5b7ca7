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
		if (!this.store.changeStatus(new StatusChange(trans.gid(), trans.status(), to, rollbackReason, now))) {
			throw new StaleTransactionException(trans.gid(), trans.status());
		}
		GlobalTrans changed = trans.withStatus(to);
		return (rollbackReason != null) ? changed.withRollbackReason(rollbackReason) : changed;
	}

}
