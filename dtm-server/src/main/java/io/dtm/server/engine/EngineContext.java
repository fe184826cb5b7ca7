package io.dtm.server.engine;

import java.util.concurrent.Executor;

import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.TransStore;

/**
 * The collaborators every processing pass shares.
 *
 * @param store the store
 * @param statusMachine the status machine
 * @param invoker the branch invoker
 * @param schedule the timing rules and the clock
 * @param branchExecutor executor for concurrent branch calls
 * @param metrics where branch calls and passes are reported
 * @param sleeper how a pass waits between in-pass retries
 * @param callLog where the branch calls that did not succeed are recorded
 */
public record EngineContext(TransStore store, StatusMachine statusMachine, BranchInvoker invoker, Schedule schedule,
		Executor branchExecutor, EngineMetrics metrics, Sleeper sleeper, BranchCallLog callLog) {

	/**
	 * The collaborators without branch call records.
	 * @param store the store
	 * @param statusMachine the status machine
	 * @param invoker the branch invoker
	 * @param schedule the timing rules and the clock
	 * @param branchExecutor executor for concurrent branch calls
	 * @param metrics where branch calls and passes are reported
	 * @param sleeper how a pass waits between in-pass retries
	 */
	public EngineContext(TransStore store, StatusMachine statusMachine, BranchInvoker invoker, Schedule schedule,
			Executor branchExecutor, EngineMetrics metrics, Sleeper sleeper) {
		this(store, statusMachine, invoker, schedule, branchExecutor, metrics, sleeper, BranchCallLog.NONE);
	}

}
