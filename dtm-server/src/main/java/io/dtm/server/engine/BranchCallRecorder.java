package io.dtm.server.engine;

import java.time.LocalDateTime;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.server.store.BranchCallFailure;
import io.dtm.server.store.BranchCallLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the branch calls that did not succeed to the {@link BranchCallLog}. A successful
 * call writes nothing. The records are for operators: a record that cannot be written is
 * logged and counted, and the transaction is processed as if it had been.
 */
final class BranchCallRecorder {

	private static final Logger logger = LoggerFactory.getLogger(BranchCallRecorder.class);

	private final BranchCallLog log;

	private final EngineMetrics metrics;

	BranchCallRecorder(BranchCallLog log, EngineMetrics metrics) {
		this.log = log;
		this.metrics = metrics;
	}

	/**
	 * Record a call unless it succeeded (or was cut short because the coordinator is
	 * stopping).
	 * @param gid the transaction
	 * @param branchId the branch id called
	 * @param op the operation
	 * @param result what the call gave
	 * @param now the time
	 */
	void record(String gid, String branchId, BranchOp op, BranchCallResult result, LocalDateTime now) {
		if (result.outcome() == BranchOutcome.SUCCESS || Thread.currentThread().isInterrupted()) {
			return;
		}
		try {
			this.log.recordFailedCall(gid, branchId, op,
					new BranchCallFailure(result.outcome(), result.code(), result.detail()), now);
		}
		catch (StaleTransactionException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.warn("could not record the failed call of gid={} branch_id={} op={}: {}", gid, branchId, op,
					ex.toString());
			this.metrics.callRecordFailed();
		}
	}

}
