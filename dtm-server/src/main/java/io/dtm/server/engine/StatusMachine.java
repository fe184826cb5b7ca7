package io.dtm.server.engine;

import java.time.LocalDateTime;
import java.util.List;

import io.dtm.core.GlobalStatus;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.StatusChange;
import io.dtm.server.store.TransStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a global transaction's status changes: it checks the
 * {@link GlobalStatusTransition} table, performs a guarded store update
 * ({@code WHERE status = expected}) and tells the {@link TransitionListener}s. No other
 * class may call {@link TransStore#changeStatus} (the build's architecture tests enforce
 * it).
 */
public class StatusMachine {

	private static final Logger logger = LoggerFactory.getLogger(StatusMachine.class);

	/** Size of the rollback_reason column. */
	static final int MAX_REASON_LENGTH = 1024;

	private final TransStore store;

	private final Schedule schedule;

	private final List<TransitionListener> listeners;

	public StatusMachine(TransStore store, Schedule schedule, List<TransitionListener> listeners) {
		this.store = store;
		this.schedule = schedule;
		this.listeners = List.copyOf(listeners);
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
		return transition(trans, to, rollbackReason, null);
	}

	/**
	 * Move a transaction to a new status, storing a workflow's result with it.
	 * @param trans the transaction as last read
	 * @param to the new status
	 * @param rollbackReason reason to store, or {@code null} to keep the stored one
	 * @param result result to store, or {@code null} to keep the stored one
	 * @return the transaction with its new status
	 * @throws IllegalStatusTransitionException when the change is not in the table
	 * @throws StaleTransactionException when the stored status is no longer the one read
	 */
	public GlobalTrans transition(GlobalTrans trans, GlobalStatus to, String rollbackReason, String result) {
		GlobalStatusTransition transition = GlobalStatusTransition.between(trans.status(), to)
			.orElseThrow(() -> new IllegalStatusTransitionException(trans.gid(), trans.status(), to));
		LocalDateTime now = this.schedule.preciseNow();
		String reason = fitted(rollbackReason);
		if (!this.store
			.changeStatus(new StatusChange(trans.gid(), trans.status(), to, reason, Schedule.stored(now), result))) {
			throw new StaleTransactionException(trans.gid(), trans.status());
		}
		GlobalTrans changed = trans.withStatus(to);
		if (reason != null) {
			changed = changed.withRollbackReason(reason);
		}
		if (result != null) {
			changed = changed.withResult(result);
		}
		publish(new TransitionEvent(transition, changed, now));
		return changed;
	}

	private void publish(TransitionEvent event) {
		for (TransitionListener listener : this.listeners) {
			try {
				listener.onTransition(event);
			}
			catch (RuntimeException ex) {
				logger.warn("transition listener {} failed on gid={} {} -> {}: {}", listener, event.gid(), event.from(),
						event.to(), ex.toString());
			}
		}
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
