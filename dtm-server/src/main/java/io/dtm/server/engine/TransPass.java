package io.dtm.server.engine;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.TransStore;

/**
 * One processing pass of one transaction: the current snapshot, its branches, and the
 * operations a processor may perform on them. Branch status updates are guarded by the
 * global status the pass believes in; a lost guard stops the pass with
 * {@link StaleTransactionException}.
 */
public final class TransPass {

	private final TransStore store;

	private final StatusMachine statusMachine;

	private final BranchInvoker invoker;

	private final Schedule schedule;

	private final Executor branchExecutor;

	private final EngineMetrics metrics;

	private final Sleeper sleeper;

	private final BranchCallRecorder callRecorder;

	private final long startedMillis;

	private long retries;

	private final List<Branch> branches;

	private volatile GlobalTrans trans;

	private BranchOutcome worst;

	private String lastError;

	private FailedCall lastFailure;

	private LocalDateTime scheduledAt;

	private long lastRenewalMillis;

	TransPass(GlobalTrans trans, List<Branch> branches, EngineContext context) {
		this.trans = trans;
		this.branches = new ArrayList<>(branches);
		this.store = context.store();
		this.statusMachine = context.statusMachine();
		this.invoker = context.invoker();
		this.schedule = context.schedule();
		this.branchExecutor = context.branchExecutor();
		this.metrics = context.metrics();
		this.sleeper = context.sleeper();
		this.callRecorder = new BranchCallRecorder(context.callLog(), context.metrics());
		this.startedMillis = this.schedule.millis();
		this.lastRenewalMillis = this.startedMillis;
	}

	public GlobalTrans trans() {
		return this.trans;
	}

	public GlobalStatus status() {
		return this.trans.status();
	}

	/**
	 * Current branch snapshots in processing order.
	 * @return a copy of the list
	 */
	public synchronized List<Branch> branches() {
		return List.copyOf(this.branches);
	}

	/**
	 * Current branch snapshots with the given operation, in processing order.
	 * @param op the operation
	 * @return the branches
	 */
	public synchronized List<Branch> branches(BranchOp op) {
		return this.branches.stream().filter((branch) -> branch.op() == op).toList();
	}

	/**
	 * The current snapshot of one branch.
	 * @param branchId branch id
	 * @param op operation
	 * @return the branch
	 * @throws IllegalStateException when the transaction has no such branch
	 */
	public synchronized Branch branch(String branchId, BranchOp op) {
		for (Branch branch : this.branches) {
			if (branch.op() == op && branch.branchId().equals(branchId)) {
				return branch;
			}
		}
		throw new IllegalStateException("transaction '" + this.trans.gid() + "' has no " + op + " branch " + branchId);
	}

	/**
	 * The current time as the store keeps it.
	 * @return now, in whole seconds
	 */
	public LocalDateTime now() {
		return this.schedule.now();
	}

	public Schedule schedule() {
		return this.schedule;
	}

	public Executor branchExecutor() {
		return this.branchExecutor;
	}

	/**
	 * Whether the transaction's timeout has elapsed.
	 * @return {@code true} when timed out
	 */
	public boolean isTimedOut() {
		return this.schedule.isTimedOut(this.trans);
	}

	/**
	 * Call a branch with the transaction's headers and timeout. Thread-safe.
	 * @param branch the branch
	 * @return the result
	 */
	public BranchCallResult call(Branch branch) {
		return call(branch.url(), branch.branchId(), branch.op(), branch.binData());
	}

	/**
	 * Call an arbitrary URL as a branch of this transaction (used for msg check-back).
	 * @param url the URL
	 * @param branchId branch id to send
	 * @param op operation to send
	 * @param payload body
	 * @return the result
	 */
	public BranchCallResult call(String url, String branchId, BranchOp op, byte[] payload) {
		return call(url, branchId, op, op.wireValue(), payload);
	}

	/**
	 * Call an arbitrary URL as a branch of this transaction, sending another {@code op}
	 * than the operation's wire value (a workflow's name when it is resumed). Every call
	 * of a pass ends here: one that does not succeed is recorded in the
	 * {@link io.dtm.server.store.BranchCallLog}.
	 * @param url the URL
	 * @param branchId branch id to send
	 * @param op operation, for logs and metrics
	 * @param opName the {@code op} to send
	 * @param payload body
	 * @return the result
	 */
	public BranchCallResult call(String url, String branchId, BranchOp op, String opName, byte[] payload) {
		GlobalTrans current = this.trans;
		long started = System.nanoTime();
		BranchCallResult result = this.invoker.invoke(new BranchRequest(url, current.gid(), current.transType(),
				branchId, op, payload, current.options().branchHeaders(),
				this.schedule.requestTimeout(current.options()), current.protocol(), opName));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		record(result, url, branchId, op);
		this.callRecorder.record(current.gid(), branchId, op, result, now());
		this.metrics.branchCalled(current.transType(), branchId, op, result.outcome(), elapsed);
		return result;
	}

	private synchronized void record(BranchCallResult result, String url, String branchId, BranchOp op) {
		if (result.outcome() == BranchOutcome.ERROR) {
			// names the call, so that "branch error: ..." says which URL did not answer
			this.lastError = op.wireValue() + " " + branchId + " " + Redaction.url(url) + ": " + result.detail();
		}
		else if (result.outcome() != BranchOutcome.SUCCESS) {
			this.lastError = result.detail();
		}
		if (result.outcome() == BranchOutcome.ERROR || result.outcome() == BranchOutcome.FAILURE) {
			this.lastFailure = new FailedCall(url, this.lastError);
		}
		if (this.worst == null || severity(result.outcome()) > severity(this.worst)) {
			this.worst = result.outcome();
		}
	}

	private static int severity(BranchOutcome outcome) {
		return switch (outcome) {
			case SUCCESS -> 0;
			case ONGOING -> 1;
			case FAILURE, ERROR -> 2;
		};
	}

	/**
	 * Record a branch's new status in the store and in this pass.
	 * @param branch the branch
	 * @param status its new status
	 */
	public void markBranch(Branch branch, BranchStatus status) {
		if (!this.store.updateBranchStatus(branch, status, this.trans.status(), now())) {
			throw new StaleTransactionException(this.trans.gid(), this.trans.status());
		}
		synchronized (this) {
			for (int i = 0; i < this.branches.size(); i++) {
				if (this.branches.get(i).id() == branch.id()) {
					this.branches.set(i, this.branches.get(i).withStatus(status));
				}
			}
		}
		renewLease();
	}

	/**
	 * Keep the transaction away from other instances' crons while a long pass makes
	 * progress: after each recorded branch result, at most every
	 * {@link Schedule#LEASE_RENEWAL_PERIOD}, push the next cron time one lease ahead (dtm
	 * does the same on successful branch calls).
	 */
	private void renewLease() {
		synchronized (this) {
			if (!this.schedule.leaseRenewalDue(this.lastRenewalMillis)) {
				return;
			}
			this.lastRenewalMillis = this.schedule.millis();
		}
		GlobalTrans current = this.trans;
		Schedule.NextRun lease = this.schedule.renewedLease(current);
		this.store.touchCronTime(current.gid(), current.status(), lease.intervalSeconds(), lease.at(), lease.now());
	}

	/**
	 * Call each branch that is not done yet, in the given order, stopping at the first
	 * one that does not succeed (FAILURE counts as an unknown outcome here).
	 * @param ordered the branches in call order
	 * @return whether every branch has succeeded
	 */
	public boolean callInOrder(List<Branch> ordered) {
		for (Branch branch : ordered) {
			if (branch.status() == BranchStatus.SUCCEED) {
				continue;
			}
			if (call(branch).outcome() != BranchOutcome.SUCCESS) {
				return false;
			}
			markBranch(branch, BranchStatus.SUCCEED);
		}
		return true;
	}

	/**
	 * Decide whether a saga action whose outcome is unknown is re-run in this pass (dtm's
	 * {@code retry_limit}): the re-runs of one pass share one count, each waits the
	 * in-pass back-off first, and all of them together stay within the in-pass retry
	 * budget so the pass ends well before its lease does. After the wait the global
	 * status is read again, so a {@code forceStop} or a timeout taken by another instance
	 * ends the retries.
	 * @param retryLimit the transaction's retry limit (positive)
	 * @return whether to re-run now, or why not
	 * @throws StaleTransactionException when the stored status changed meanwhile
	 */
	public RetryVerdict awaitRetry(long retryLimit) {
		Duration delay;
		synchronized (this) {
			if (this.retries >= retryLimit) {
				return RetryVerdict.LIMIT_REACHED;
			}
			delay = this.schedule.inPassRetryDelay(this.retries + 1);
			long elapsed = this.schedule.millis() - this.startedMillis;
			if (elapsed + delay.toMillis() > this.schedule.inPassRetryBudget().toMillis()) {
				return RetryVerdict.OUT_OF_TIME;
			}
			this.retries++;
		}
		try {
			this.sleeper.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return RetryVerdict.OUT_OF_TIME;
		}
		GlobalTrans current = this.trans;
		GlobalStatus stored = this.store.find(current.gid()).map(GlobalTrans::status).orElse(null);
		if (stored != current.status()) {
			throw new StaleTransactionException(current.gid(), current.status());
		}
		return RetryVerdict.RETRY;
	}

	/**
	 * The answer of {@link #awaitRetry(long)}.
	 */
	public enum RetryVerdict {

		/** Re-run the action now. */
		RETRY,

		/** The retry limit is used up: roll the saga back. */
		LIMIT_REACHED,

		/** This pass has no time left for re-runs: the cron's back-off takes over. */
		OUT_OF_TIME

	}

	/**
	 * Change the global status through the status machine.
	 * @param to new status
	 * @param rollbackReason reason, or {@code null}
	 */
	public void transition(GlobalStatus to, String rollbackReason) {
		this.trans = this.statusMachine.transition(this.trans, to, rollbackReason);
	}

	/**
	 * Ask the cron to look at the transaction again at a given time instead of the usual
	 * interval (msg delay, the moment a prepared transaction times out).
	 * @param time the time
	 */
	public void scheduleAt(LocalDateTime time) {
		this.scheduledAt = time;
	}

	LocalDateTime scheduledAt() {
		return this.scheduledAt;
	}

	/**
	 * The most severe outcome seen in this pass.
	 * @return the outcome, or {@code null} when no branch was called
	 */
	public synchronized BranchOutcome worstOutcome() {
		return this.worst;
	}

	/**
	 * Description of the last unsuccessful call.
	 * @return the description, or {@code null}
	 */
	public synchronized String lastError() {
		return this.lastError;
	}

	/**
	 * The last call of this pass that answered FAILURE or had an unknown outcome (the
	 * calls that back the transaction off).
	 * @return the call, or {@code null}
	 */
	public synchronized FailedCall lastFailure() {
		return this.lastFailure;
	}

	/**
	 * A branch call that failed or had an unknown outcome.
	 *
	 * @param url the URL called
	 * @param error what it answered, naming the call
	 */
	public record FailedCall(String url, String error) {

	}

}
