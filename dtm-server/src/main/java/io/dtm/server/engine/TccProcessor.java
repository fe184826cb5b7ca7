package io.dtm.server.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.dtm.core.BranchOp;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.Branch;

/**
 * TCC: confirm every registered branch in reverse registration order after submit; cancel
 * them in reverse order after abort or timeout. Stops at the first branch that does not
 * succeed.
 */
public class TccProcessor implements TransProcessor {

	@Override
	public TransType type() {
		return TransType.TCC;
	}

	@Override
	public void process(TransPass pass) {
		TwoPhaseRules.abortIfTimedOut(pass);
		if (pass.status() == GlobalStatus.SUBMITTED && pass.callInOrder(reversed(pass.branches(BranchOp.CONFIRM)))) {
			pass.transition(GlobalStatus.SUCCEED, null);
		}
		else if (pass.status() == GlobalStatus.ABORTING && pass.callInOrder(reversed(pass.branches(BranchOp.CANCEL)))) {
			pass.transition(GlobalStatus.FAILED, null);
		}
	}

	private static List<Branch> reversed(List<Branch> branches) {
		List<Branch> copy = new ArrayList<>(branches);
		Collections.reverse(copy);
		return copy;
	}

}
