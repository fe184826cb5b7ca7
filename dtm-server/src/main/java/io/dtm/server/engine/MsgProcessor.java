package io.dtm.server.engine;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.Branch;

/**
 * Two-phase message: a prepared message past its timeout is checked back through
 * {@code query_prepared} (SUCCESS submits it, FAILURE fails it, anything else asks again
 * later); a submitted message calls every step (in order, or all at once when
 * {@code concurrent}) until each succeeded, honouring {@code custom_data.delay}. A
 * message is never rolled back.
 */
public class MsgProcessor implements TransProcessor {

	/** Branch id of the check-back call. */
	public static final String CHECK_BACK_BRANCH_ID = "00";

	private final ObjectMapper objectMapper;

	public MsgProcessor(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	@Override
	public TransType type() {
		return TransType.MSG;
	}

	@Override
	public void process(TransPass pass) {
		if (pass.status() == GlobalStatus.PREPARED) {
			checkBack(pass);
		}
		if (pass.status() != GlobalStatus.SUBMITTED) {
			return;
		}
		long delay = CustomData.parse(this.objectMapper, pass.trans().customData()).delaySeconds();
		LocalDateTime deliverAt = pass.schedule().deliverAt(pass.trans(), delay);
		if (pass.now().isBefore(deliverAt)) {
			pass.scheduleAt(deliverAt);
			return;
		}
		List<Branch> actions = pass.branches(BranchOp.ACTION);
		boolean done = pass.trans().options().concurrent() ? callAll(pass, actions) : pass.callInOrder(actions);
		if (done) {
			pass.transition(GlobalStatus.SUCCEED, null);
		}
	}

	private void checkBack(TransPass pass) {
		if (!pass.isTimedOut()) {
			pass.scheduleAt(pass.schedule().timeoutAt(pass.trans()));
			return;
		}
		BranchCallResult result = pass.call(pass.trans().queryPrepared(), CHECK_BACK_BRANCH_ID, BranchOp.MSG,
				new byte[0]);
		if (result.outcome() == BranchOutcome.SUCCESS) {
			pass.transition(GlobalStatus.SUBMITTED, null);
		}
		else if (result.outcome() == BranchOutcome.FAILURE) {
			pass.transition(GlobalStatus.FAILED, "query_prepared answered FAILURE: " + result.detail());
		}
	}

	private static boolean callAll(TransPass pass, List<Branch> actions) {
		List<CompletableFuture<Boolean>> calls = new ArrayList<>();
		for (Branch action : actions) {
			if (action.status() != BranchStatus.SUCCEED) {
				calls
					.add(CompletableFuture.supplyAsync(() -> pass.callInOrder(List.of(action)), pass.branchExecutor()));
			}
		}
		boolean all = true;
		RuntimeException stale = null;
		for (CompletableFuture<Boolean> call : calls) {
			try {
				all &= call.join();
			}
			catch (CompletionException ex) {
				// a branch call of this pass found the transaction changed (or failed):
				// end the pass the way a sequential call would, after the others ended
				RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
				if (stale == null || cause instanceof StaleTransactionException) {
					stale = cause;
				}
			}
		}
		if (stale != null) {
			throw stale;
		}
		return all;
	}

}
