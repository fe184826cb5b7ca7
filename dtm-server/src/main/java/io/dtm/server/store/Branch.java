package io.dtm.server.store;

import java.time.LocalDateTime;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;

/**
 * Snapshot of one {@code trans_branch_op} row. Rows of one transaction are processed in
 * id (insertion) order.
 *
 * @param id row id, {@code 0} before insertion
 * @param gid global id
 * @param url branch URL; empty means "succeed without a call"
 * @param binData payload bytes
 * @param branchId branch id such as {@code 01} or {@code 01-02}
 * @param op operation
 * @param status status
 * @param createTime creation time
 * @param updateTime last update
 * @param finishTime succeed time
 * @param rollbackTime failed time
 */
public record Branch(long id, String gid, String url, byte[] binData, String branchId, BranchOp op, BranchStatus status,
		LocalDateTime createTime, LocalDateTime updateTime, LocalDateTime finishTime, LocalDateTime rollbackTime) {

	/**
	 * A new, not yet stored branch in {@link BranchStatus#PREPARED}.
	 * @param gid global id
	 * @param url URL
	 * @param binData payload
	 * @param branchId branch id
	 * @param op operation
	 * @param now creation time
	 * @return the branch
	 */
	public static Branch newBranch(String gid, String url, byte[] binData, String branchId, BranchOp op,
			LocalDateTime now) {
		return new Branch(0, gid, url, binData, branchId, op, BranchStatus.PREPARED, now, now, null, null);
	}

	/**
	 * A copy with another status.
	 * @param newStatus the status
	 * @return the copy
	 */
	public Branch withStatus(BranchStatus newStatus) {
		return new Branch(this.id, this.gid, this.url, this.binData, this.branchId, this.op, newStatus, this.createTime,
				this.updateTime, this.finishTime, this.rollbackTime);
	}

}
