package io.dtm.server.engine;

import io.dtm.core.BranchOp;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;

/**
 * XA: call every branch's phase-2 {@code commit} in registration order after submit, or
 * its {@code rollback} after abort or timeout (always POST). Stops at the first branch
 * that does not succeed.
 */
public class XaProcessor implements TransProcessor {

	@Override
	public TransType type() {
		return TransType.XA;
	}

	@Override
	public void process(TransPass pass) {
		TwoPhaseRules.abortIfTimedOut(pass);
		if (pass.status() == GlobalStatus.SUBMITTED && pass.callInOrder(pass.branches(BranchOp.COMMIT))) {
			pass.transition(GlobalStatus.SUCCEED, null);
		}
		else if (pass.status() == GlobalStatus.ABORTING && pass.callInOrder(pass.branches(BranchOp.ROLLBACK))) {
			pass.transition(GlobalStatus.FAILED, null);
		}
	}

}
