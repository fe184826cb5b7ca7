package io.dtm.server.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.Branch;

/**
 * Saga: run actions forward (sequentially, or concurrently respecting {@code orders}); on
 * an action FAILURE, a timeout or an exhausted retry limit switch to {@code aborting} and
 * run the compensations in reverse, including the step that failed and any step that may
 * have started.
 */
public class SagaProcessor implements TransProcessor {

	private final ObjectMapper objectMapper;

	public SagaProcessor(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	@Override
	public TransType type() {
		return TransType.SAGA;
	}

	@Override
	public void process(TransPass pass) {
		SagaPlan plan = new SagaPlan(pass, CustomData.parse(this.objectMapper, pass.trans().customData()));
		if (pass.status() == GlobalStatus.SUBMITTED && pass.isTimedOut()) {
			pass.transition(GlobalStatus.ABORTING,
					"Timeout after " + pass.schedule().timeout(pass.trans()).toSeconds() + " seconds");
		}
		if (pass.status() == GlobalStatus.SUBMITTED) {
			String recorded = plan.recordedFailure();
			if (recorded != null) {
				// an earlier pass recorded the FAILURE but stopped before aborting
				// (crash,
				// store error): roll back now, as dtm does ("fail message lost")
				pass.transition(GlobalStatus.ABORTING, "fail message lost: action " + recorded + " answered FAILURE");
			}
		}
		if (pass.status() == GlobalStatus.SUBMITTED) {
			Forward forward = plan.concurrent() ? forwardConcurrently(pass, plan) : forwardInOrder(pass, plan);
			if (forward.failure() != null) {
				pass.transition(GlobalStatus.ABORTING, forward.failure());
			}
			else if (plan.allActionsSucceeded()) {
				pass.transition(GlobalStatus.SUCCEED, null);
				return;
			}
		}
		if (pass.status() == GlobalStatus.ABORTING) {
			boolean done = plan.concurrent() ? compensateConcurrently(pass, plan) : compensateInOrder(pass, plan);
			if (done) {
				pass.transition(GlobalStatus.FAILED, null);
			}
		}
	}

	private Forward forwardInOrder(TransPass pass, SagaPlan plan) {
		for (int step = 0; step < plan.size(); step++) {
			Branch action = plan.action(step);
			if (action.status() == BranchStatus.SUCCEED) {
				continue;
			}
			Forward result = runAction(pass, action);
			if (result.failure() != null || !result.succeeded()) {
				return result;
			}
		}
		return Forward.OK;
	}

	private Forward forwardConcurrently(TransPass pass, SagaPlan plan) {
		CompletionService<Forward> completion = new ExecutorCompletionService<>(pass.branchExecutor());
		Set<Integer> started = new LinkedHashSet<>();
		int inFlight = 0;
		String failure = null;
		while (true) {
			if (failure == null) {
				for (int step = 0; step < plan.size(); step++) {
					Branch action = plan.action(step);
					if (!started.contains(step) && action.status() == BranchStatus.PREPARED
							&& plan.prerequisitesSucceeded(step)) {
						started.add(step);
						inFlight++;
						completion.submit(() -> runAction(pass, action));
					}
				}
			}
			if (inFlight == 0) {
				return new Forward(failure == null, failure);
			}
			Forward result = take(completion);
			inFlight--;
			if (result.failure() != null && failure == null) {
				failure = result.failure();
			}
		}
	}

	private Forward runAction(TransPass pass, Branch action) {
		long retryLimit = pass.trans().options().retryLimit();
		while (true) {
			BranchCallResult result = pass.call(action);
			if (result.outcome() == BranchOutcome.SUCCESS) {
				pass.markBranch(action, BranchStatus.SUCCEED);
				return Forward.OK;
			}
			if (result.outcome() == BranchOutcome.FAILURE) {
				pass.markBranch(action, BranchStatus.FAILED);
				return new Forward(false, result.detail());
			}
			if (retryLimit <= 0) {
				return Forward.INCOMPLETE;
			}
			switch (pass.awaitRetry(retryLimit)) {
				case LIMIT_REACHED:
					return new Forward(false, "RetryCount is greater than RetryLimit, RetryLimit: " + retryLimit);
				case OUT_OF_TIME:
					return Forward.INCOMPLETE;
				default:
					break;
			}
		}
	}

	private boolean compensateInOrder(TransPass pass, SagaPlan plan) {
		for (int step = plan.size() - 1; step >= 0; step--) {
			if (plan.needsCompensation(step) && !compensate(pass, plan.compensate(step))) {
				return false;
			}
		}
		return true;
	}

	private boolean compensateConcurrently(TransPass pass, SagaPlan plan) {
		CompletionService<Boolean> completion = new ExecutorCompletionService<>(pass.branchExecutor());
		Set<Integer> started = new LinkedHashSet<>();
		int inFlight = 0;
		boolean allDone = true;
		while (true) {
			for (int step = 0; step < plan.size(); step++) {
				if (!started.contains(step) && plan.needsCompensation(step)
						&& plan.compensate(step).status() != BranchStatus.SUCCEED && plan.dependantsCompensated(step)) {
					started.add(step);
					inFlight++;
					Branch compensate = plan.compensate(step);
					completion.submit(() -> compensate(pass, compensate));
				}
			}
			if (inFlight == 0) {
				return allDone && plan.allNeededCompensated();
			}
			allDone &= take(completion);
			inFlight--;
		}
	}

	private boolean compensate(TransPass pass, Branch compensate) {
		if (compensate.status() == BranchStatus.SUCCEED) {
			return true;
		}
		if (pass.call(compensate).outcome() != BranchOutcome.SUCCESS) {
			return false;
		}
		pass.markBranch(compensate, BranchStatus.SUCCEED);
		return true;
	}

	private static <T> T take(CompletionService<T> completion) {
		try {
			return completion.take().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for branch calls", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Result of the forward phase or of one action.
	 */
	private record Forward(boolean succeeded, String failure) {

		static final Forward OK = new Forward(true, null);

		static final Forward INCOMPLETE = new Forward(false, null);

	}

	/**
	 * The steps of a saga (by first appearance of their branch id) and their
	 * dependencies.
	 */
	private static final class SagaPlan {

		private final TransPass pass;

		private final CustomData custom;

		private final List<String> branchIds;

		SagaPlan(TransPass pass, CustomData custom) {
			this.pass = pass;
			this.custom = custom;
			Set<String> ids = new LinkedHashSet<>();
			for (Branch branch : pass.branches()) {
				ids.add(branch.branchId());
			}
			this.branchIds = new ArrayList<>(ids);
		}

		boolean concurrent() {
			return this.custom.concurrent();
		}

		int size() {
			return this.branchIds.size();
		}

		Branch action(int step) {
			return this.pass.branch(this.branchIds.get(step), BranchOp.ACTION);
		}

		Branch compensate(int step) {
			return this.pass.branch(this.branchIds.get(step), BranchOp.COMPENSATE);
		}

		List<Integer> prerequisites(int step) {
			if (!concurrent()) {
				return (step == 0) ? List.of() : List.of(step - 1);
			}
			return this.custom.orders().getOrDefault(step, List.of());
		}

		boolean prerequisitesSucceeded(int step) {
			return prerequisites(step).stream().allMatch((p) -> action(p).status() == BranchStatus.SUCCEED);
		}

		/**
		 * The branch id of an action already recorded failed, if any.
		 * @return the branch id, or {@code null}
		 */
		String recordedFailure() {
			for (int step = 0; step < size(); step++) {
				if (action(step).status() == BranchStatus.FAILED) {
					return this.branchIds.get(step);
				}
			}
			return null;
		}

		boolean allActionsSucceeded() {
			for (int step = 0; step < size(); step++) {
				if (action(step).status() != BranchStatus.SUCCEED) {
					return false;
				}
			}
			return true;
		}

		/**
		 * A step is compensated when its action ran (succeeded or failed) or may have
		 * run: it is still prepared but everything it waits for succeeded, so a call may
		 * have reached the participant. Compensating a step that never ran is a null
		 * compensation, which the participant's barrier absorbs.
		 */
		boolean needsCompensation(int step) {
			return action(step).status() != BranchStatus.PREPARED || prerequisitesSucceeded(step);
		}

		boolean dependantsCompensated(int step) {
			for (int other = 0; other < size(); other++) {
				if (prerequisites(other).contains(step) && needsCompensation(other)
						&& compensate(other).status() != BranchStatus.SUCCEED) {
					return false;
				}
			}
			return true;
		}

		boolean allNeededCompensated() {
			for (int step = 0; step < size(); step++) {
				if (needsCompensation(step) && compensate(step).status() != BranchStatus.SUCCEED) {
					return false;
				}
			}
			return true;
		}

	}

}
