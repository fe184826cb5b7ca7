package io.dtm.server.store;

import java.time.LocalDateTime;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;

/**
 * What the {@link BranchCallLog} keeps about the unsuccessful calls of one branch
 * operation: how many there were and the last one.
 *
 * @param gid the transaction
 * @param branchId the branch id ({@code 00} for a msg check-back or a workflow resume)
 * @param op the operation ({@code msg} for a check-back, {@code workflow} for a resume)
 * @param failedCalls how many calls did not succeed so far
 * @param lastOutcome the outcome of the last of them
 * @param lastCode its code (see {@link BranchCallFailure#code()})
 * @param lastError its message
 * @param lastTime when it was recorded, in the coordinator's time zone
 */
public record BranchCallRecord(String gid, String branchId, BranchOp op, long failedCalls, BranchOutcome lastOutcome,
		String lastCode, String lastError, LocalDateTime lastTime) {

}
