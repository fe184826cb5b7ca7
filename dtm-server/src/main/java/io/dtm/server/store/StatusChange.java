package io.dtm.server.store;

import java.time.LocalDateTime;

import io.dtm.core.GlobalStatus;

/**
 * A guarded status change: applied only while the stored status still equals
 * {@code from}. Entering {@code succeed} stamps the finish time; entering {@code failed}
 * stamps the rollback time.
 *
 * @param gid global id
 * @param from expected current status
 * @param to new status
 * @param rollbackReason reason to store, or {@code null} to keep the stored one
 * @param now time of the change
 * @param result a workflow's result to store, or {@code null} to keep the stored one
 */
public record StatusChange(String gid, GlobalStatus from, GlobalStatus to, String rollbackReason, LocalDateTime now,
		String result) {

	/**
	 * A change that keeps the stored result.
	 * @param gid global id
	 * @param from expected current status
	 * @param to new status
	 * @param rollbackReason reason to store, or {@code null} to keep the stored one
	 * @param now time of the change
	 */
	public StatusChange(String gid, GlobalStatus from, GlobalStatus to, String rollbackReason, LocalDateTime now) {
		this(gid, from, to, rollbackReason, now, null);
	}

}
