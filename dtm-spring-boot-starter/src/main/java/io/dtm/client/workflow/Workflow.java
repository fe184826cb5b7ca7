package io.dtm.client.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.dtm.client.DtmFailure;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.client.xa.XaParticipant;
import io.dtm.core.BranchOp;
import io.dtm.core.TransType;

/**
 * One execution of a workflow, handed to its {@link WorkflowHandler}. Each
 * {@link #branch()} or {@link #local} takes the next branch id ({@code 01}, {@code 02},
 * ...); a step whose outcome the coordinator has recorded returns that outcome instead of
 * running again. Not thread-safe: take steps from the handler's thread, one at a time.
 */
public final class Workflow {

	private final String name;

	private final String gid;

	private final Map<String, StepResult> recorded;

	private final WorkflowCoordinator coordinator;

	private final WorkflowCodec codec;

	private final List<WorkflowInterceptor> interceptors;

	private final BranchCaller caller;

	private final JdbcBarrier jdbcBarrier;

	private final Supplier<GrpcBranchCaller> grpcCaller;

	private final List<Phase2> commits = new ArrayList<>();

	private final List<Phase2> rollbacks = new ArrayList<>();

	private int lastBranch;

	private String op = BranchOp.ACTION.wireValue();

	Workflow(String name, String gid, Map<String, StepResult> recorded, WorkflowCoordinator coordinator,
			WorkflowCodec codec, List<WorkflowInterceptor> interceptors, BranchCaller caller,
			Supplier<GrpcBranchCaller> grpcCaller, JdbcBarrier jdbcBarrier) {
		this.name = name;
		this.gid = gid;
		this.recorded = recorded;
		this.coordinator = coordinator;
		this.codec = codec;
		this.interceptors = interceptors;
		this.caller = caller;
		this.jdbcBarrier = jdbcBarrier;
		this.grpcCaller = grpcCaller;
	}

	/**
	 * The workflow's name.
	 * @return the name it is registered under
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The workflow's gid.
	 * @return the gid
	 */
	public String gid() {
		return this.gid;
	}

	/**
	 * Start the next branch: register its rollback or commit, then run its one action.
	 * @return the branch
	 * @throws IllegalStateException when called from a commit or rollback
	 */
	public WorkflowBranch branch() {
		if (!BranchOp.ACTION.wireValue().equals(this.op)) {
			throw new IllegalStateException("a workflow cannot start a branch in its " + this.op + " phase");
		}
		if (this.lastBranch >= 99) {
			throw new IllegalStateException("a workflow has at most 99 branches");
		}
		this.lastBranch++;
		return new WorkflowBranch(this, String.format("%02d", this.lastBranch));
	}

	/**
	 * Run a local step in a branch of its own, recording its result.
	 * @param <T> the result type
	 * @param resultType the result type, to read a recorded result back
	 * @param action the step
	 * @return the result, recorded or new
	 * @throws DtmFailure when the step refused (now or in a recorded run)
	 */
	public <T> T local(Class<T> resultType, WorkflowStepAction<T> action) {
		return branch().local(null, resultType, action);
	}

	/**
	 * Run a named local step in a branch of its own, recording its result.
	 * @param <T> the result type
	 * @param name the step's name, for interceptors
	 * @param resultType the result type, to read a recorded result back
	 * @param action the step
	 * @return the result, recorded or new
	 * @throws DtmFailure when the step refused (now or in a recorded run)
	 */
	public <T> T local(String name, Class<T> resultType, WorkflowStepAction<T> action) {
		return branch().local(name, resultType, action);
	}

	WorkflowCodec codec() {
		return this.codec;
	}

	BranchCaller caller() {
		return this.caller;
	}

	/**
	 * Call a gRPC branch with the dtm metadata of the current phase.
	 */
	byte[] callGrpc(String url, byte[] request, BranchBarrier barrier) {
		return this.grpcCaller.get().call(url, request, barrier, this.coordinator.address());
	}

	/**
	 * The body of an XA step: refuse when a previous run marked it but did not record it
	 * (its branch may be prepared: the rollback phase rolls it back), else run and
	 * prepare it, marking it just before {@code XA END}.
	 */
	<T> T xaStep(XaParticipant xa, String branchId, WorkflowXaAction<T> action) {
		if (this.recorded.containsKey(branchId + "-" + BranchOp.BUSINESS.wireValue())) {
			throw DtmFailure.of("xa step " + branchId + " of workflow " + this.gid
					+ " stopped between its prepare and its record: not resumable, rolled back", this.gid);
		}
		return xa.prepare(TransType.WORKFLOW, this.gid, branchId, action::run, () -> this.coordinator
			.registerBranch(this.gid, branchId, BranchOp.BUSINESS.wireValue(), StepResult.succeeded(new byte[0])));
	}

	void addCommit(String branchId, String name, WorkflowPhase2Action action) {
		this.commits.add(new Phase2(branchId, name, action));
	}

	void addRollback(String branchId, String name, WorkflowPhase2Action action) {
		this.rollbacks.add(new Phase2(branchId, name, action));
	}

	/**
	 * A failed action is not compensated (dtm's default): drop the branch's rollback.
	 */
	void dropRollback(String branchId) {
		int last = this.rollbacks.size() - 1;
		if (last >= 0 && this.rollbacks.get(last).branchId().equals(branchId)) {
			this.rollbacks.remove(last);
		}
	}

	/**
	 * Run one step of the current phase, or return its recorded outcome; a new outcome
	 * that is a success or a refusal is recorded with the coordinator.
	 */
	StepResult step(String branchId, String name, WorkflowInterceptor.Proceed body) {
		StepResult done = this.recorded.get(branchId + "-" + this.op);
		if (done != null) {
			return done;
		}
		WorkflowStep step = new WorkflowStep(this.name, this.gid, branchId, this.op, name);
		StepResult result;
		try {
			result = StepResult.succeeded(intercepted(step, 0, body));
		}
		catch (DtmFailure failure) {
			result = StepResult.failed(failure);
		}
		catch (RuntimeException ex) {
			result = StepResult.unfinished(ex);
		}
		catch (Exception ex) {
			result = StepResult.unfinished(new IllegalStateException(
					"workflow " + this.gid + " step " + branchId + " " + this.op + " failed: " + ex.getMessage(), ex));
		}
		if (result.isRecordable()) {
			this.coordinator.registerBranch(this.gid, branchId, this.op, result);
		}
		return result;
	}

	private byte[] intercepted(WorkflowStep step, int index, WorkflowInterceptor.Proceed body) throws Exception {
		if (index == this.interceptors.size()) {
			return body.proceed();
		}
		return this.interceptors.get(index).around(step, () -> intercepted(step, index + 1, body));
	}

	BranchBarrier barrier(String branchId) {
		return BranchBarrier.fromWire(TransType.WORKFLOW.wireValue(), this.gid, branchId, this.op, this.jdbcBarrier);
	}

	String op() {
		return this.op;
	}

	/**
	 * Run the commits (after success) or the rollbacks (after a refusal), last branch
	 * first.
	 * @param failed whether the workflow body refused
	 */
	void finish(boolean failed) {
		this.op = failed ? BranchOp.ROLLBACK.wireValue() : BranchOp.COMMIT.wireValue();
		List<Phase2> actions = failed ? this.rollbacks : this.commits;
		for (int i = actions.size() - 1; i >= 0; i--) {
			Phase2 phase2 = actions.get(i);
			StepResult result = step(phase2.branchId(), phase2.name(), () -> {
				try {
					phase2.action().run(barrier(phase2.branchId()));
				}
				catch (DtmFailure failure) {
					throw new IllegalStateException("branch " + phase2.branchId() + " " + this.op
							+ " must not refuse (DtmFailure): " + failure.getMessage(), failure);
				}
				return new byte[0];
			});
			result.get();
		}
	}

	record Phase2(String branchId, String name, WorkflowPhase2Action action) {

	}

}
