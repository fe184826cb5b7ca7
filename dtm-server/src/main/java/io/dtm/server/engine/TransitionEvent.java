package io.dtm.server.engine;

import java.time.Duration;
import java.time.LocalDateTime;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.GlobalTrans;

/**
 * A global transaction's status changed: published by {@link StatusMachine} after the
 * store accepted the change, whoever asked for it (a processing pass, an API call such as
 * {@code abort} or {@code forceStop}, the worker failing an unschedulable transaction).
 *
 * @param transition the change, from the table of legal ones
 * @param trans the transaction with its new status (and reason, when one was stored)
 * @param at when the change was made, with its fraction of a second
 */
public record TransitionEvent(GlobalStatusTransition transition, GlobalTrans trans, LocalDateTime at) {

	public String gid() {
		return this.trans.gid();
	}

	public TransType transType() {
		return this.trans.transType();
	}

	public GlobalStatus from() {
		return this.transition.from();
	}

	public GlobalStatus to() {
		return this.transition.to();
	}

	/**
	 * Whether the transaction reached a final status ({@code succeed} or {@code failed}).
	 * @return {@code true} when it is finished
	 */
	public boolean isFinal() {
		return to().isFinished();
	}

	/**
	 * Time from the transaction's creation to this change; never negative. A transaction
	 * created in this coordinator's memory carries its exact creation time, one read from
	 * the store its creation second.
	 * @return the duration
	 */
	public Duration sinceCreation() {
		Duration duration = Duration.between(this.trans.createTime(), this.at);
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
