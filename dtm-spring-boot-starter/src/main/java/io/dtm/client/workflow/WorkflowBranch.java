package io.dtm.client.workflow;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.dtm.client.DtmFailure;
import io.dtm.client.xa.XaAction;
import io.dtm.client.xa.XaParticipant;
import io.dtm.core.BranchOp;

/**
 * One branch of a workflow: register what undoes it ({@link #onRollback}) or completes it
 * ({@link #onCommit}) first, then run its one action ({@link #call} an HTTP participant,
 * {@link #callGrpc} a gRPC one, {@link #local} code, or local SQL in an XA transaction
 * with {@link #xa}). Registered before the action, the rollback also covers an action
 * whose outcome is unknown; an action that refused is not rolled back.
 */
public final class WorkflowBranch {

	private final Workflow workflow;

	private final String branchId;

	private boolean rollbackAdded;

	private boolean commitAdded;

	private boolean actionDone;

	WorkflowBranch(Workflow workflow, String branchId) {
		this.workflow = workflow;
		this.branchId = branchId;
	}

	/**
	 * The branch id.
	 * @return {@code 01}, {@code 02}, ...
	 */
	public String branchId() {
		return this.branchId;
	}

	/**
	 * What to run if the workflow rolls back (a saga's compensation, a TCC cancel).
	 * @param rollback the rollback
	 * @return this branch
	 */
	public WorkflowBranch onRollback(WorkflowPhase2Action rollback) {
		return rollback(null, rollback);
	}

	/**
	 * Call an HTTP participant (POST, {@code op=rollback}) if the workflow rolls back.
	 * @param url the participant's URL
	 * @param payload the body: bytes, text or an object written as JSON
	 * @return this branch
	 */
	public WorkflowBranch onRollback(String url, Object payload) {
		byte[] body = this.workflow.codec().write(payload);
		return rollback(url, (barrier) -> this.workflow.caller().call(url, body, barrier));
	}

	/**
	 * Call a gRPC participant (with {@code dtm-op=rollback}) if the workflow rolls back;
	 * its reply is not read.
	 * @param url {@code host:port/package.Service/Method}
	 * @param request the request message
	 * @return this branch
	 */
	public WorkflowBranch onRollbackGrpc(String url, MessageLite request) {
		byte[] body = request.toByteArray();
		return rollback(url, (barrier) -> this.workflow.callGrpc(url, body, barrier));
	}

	private WorkflowBranch rollback(String name, WorkflowPhase2Action rollback) {
		if (this.rollbackAdded) {
			throw new IllegalStateException("branch " + this.branchId + " already has a rollback");
		}
		this.rollbackAdded = true;
		this.workflow.addRollback(this.branchId, name, rollback);
		return this;
	}

	/**
	 * What to run if the workflow succeeds (a TCC confirm).
	 * @param commit the commit
	 * @return this branch
	 */
	public WorkflowBranch onCommit(WorkflowPhase2Action commit) {
		return commit(null, commit);
	}

	/**
	 * Call an HTTP participant (POST, {@code op=commit}) if the workflow succeeds.
	 * @param url the participant's URL
	 * @param payload the body: bytes, text or an object written as JSON
	 * @return this branch
	 */
	public WorkflowBranch onCommit(String url, Object payload) {
		byte[] body = this.workflow.codec().write(payload);
		return commit(url, (barrier) -> this.workflow.caller().call(url, body, barrier));
	}

	/**
	 * Call a gRPC participant (with {@code dtm-op=commit}) if the workflow succeeds; its
	 * reply is not read.
	 * @param url {@code host:port/package.Service/Method}
	 * @param request the request message
	 * @return this branch
	 */
	public WorkflowBranch onCommitGrpc(String url, MessageLite request) {
		byte[] body = request.toByteArray();
		return commit(url, (barrier) -> this.workflow.callGrpc(url, body, barrier));
	}

	private WorkflowBranch commit(String name, WorkflowPhase2Action commit) {
		if (this.commitAdded) {
			throw new IllegalStateException("branch " + this.branchId + " already has a commit");
		}
		this.commitAdded = true;
		this.workflow.addCommit(this.branchId, name, commit);
		return this;
	}

	/**
	 * Call an HTTP participant (POST, {@code op=action}) as the branch's action; its
	 * answer is recorded.
	 * @param url the participant's URL
	 * @param payload the body: bytes, text or an object written as JSON
	 * @return the answer's body
	 * @throws DtmFailure when the participant refused (409), now or in a recorded run
	 * @throws io.dtm.client.DtmOngoing when it answered 425 (not recorded)
	 */
	public String call(String url, Object payload) {
		return call(url, payload, String.class);
	}

	/**
	 * Call an HTTP participant as the branch's action and read its answer.
	 * @param <T> the answer type
	 * @param url the participant's URL
	 * @param payload the body: bytes, text or an object written as JSON
	 * @param resultType the answer type (JSON, text or bytes)
	 * @return the answer
	 * @throws DtmFailure when the participant refused (409), now or in a recorded run
	 */
	public <T> T call(String url, Object payload, Class<T> resultType) {
		byte[] body = this.workflow.codec().write(payload);
		byte[] answer = action(url, () -> this.workflow.caller().call(url, body, this.workflow.barrier(this.branchId)));
		return this.workflow.codec().read(answer, resultType);
	}

	/**
	 * Call a gRPC participant as the branch's action (dtm's URL form, the request's bytes
	 * as they are, metadata {@code dtm-gid}, {@code dtm-trans_type=workflow},
	 * {@code dtm-branch_id}, {@code dtm-op=action} and {@code dtm-dtm}); the reply's
	 * bytes are recorded, and a replayed step parses the recorded bytes without calling.
	 * @param <T> the reply type
	 * @param url {@code host:port/package.Service/Method}
	 * @param request the request message
	 * @param replyParser reads the reply, such as {@code Reply.parser()}
	 * @return the reply
	 * @throws DtmFailure when the participant answered {@code ABORTED}, now or in a
	 * recorded run
	 * @throws io.dtm.client.DtmOngoing when it answered {@code FAILED_PRECONDITION} (not
	 * recorded)
	 * @throws IllegalStateException when it answered another error status (not recorded)
	 */
	public <T> T callGrpc(String url, MessageLite request, Parser<T> replyParser) {
		byte[] body = request.toByteArray();
		byte[] answer = action(url, () -> this.workflow.callGrpc(url, body, this.workflow.barrier(this.branchId)));
		try {
			return replyParser.parseFrom(answer);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException("workflow " + this.workflow.gid() + " branch " + this.branchId
					+ ": the reply of " + url + " is not the expected message: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Run local SQL as the branch's action inside an XA transaction on the application's
	 * own MySQL-compatible database (dtm's {@code DoXa}): the work runs in the XA branch
	 * {@code '<gid>-<branch id>'} of the {@link XaParticipant} with the barrier row, the
	 * step is marked ({@code op=business}) and the branch is prepared; its result is
	 * recorded. The workflow's commit phase then runs {@code XA COMMIT}, its rollback
	 * phase {@code XA ROLLBACK} (both idempotent), so the rows become visible only if the
	 * workflow succeeds. A replayed step returns its recorded result without running; a
	 * step marked but not recorded (the run stopped while it was prepared) is not run
	 * again but fails, and its prepared branch is rolled back. The branch takes no
	 * {@link #onRollback} or {@link #onCommit} of its own.
	 * @param <T> the result type
	 * @param xa the XA participant of the database ({@code XaParticipant} bean)
	 * @param resultType the result type, to read a recorded result back
	 * @param action the work
	 * @return the result
	 * @throws DtmFailure when the work refused, now or in a recorded run
	 * @throws IllegalStateException when the branch has a rollback or commit already
	 */
	public <T> T xa(XaParticipant xa, Class<T> resultType, WorkflowXaAction<T> action) {
		if (this.rollbackAdded || this.commitAdded) {
			throw new IllegalStateException("branch " + this.branchId
					+ ": an XA step commits or rolls back its own XA branch and takes no onRollback or onCommit");
		}
		byte[] answer;
		try {
			answer = action("xa", () -> this.workflow.codec().write(this.workflow.xaStep(xa, this.branchId, action)));
		}
		finally {
			// as dtm: both phases are registered whatever the action came to
			rollback("xa", (barrier) -> xa.phase2(barrier.getGid(), barrier.getBranchId(), BranchOp.ROLLBACK));
			commit("xa", (barrier) -> xa.phase2(barrier.getGid(), barrier.getBranchId(), BranchOp.COMMIT));
		}
		return this.workflow.codec().read(answer, resultType);
	}

	/**
	 * Run local SQL without a result as the branch's action inside an XA transaction; see
	 * {@link #xa(XaParticipant, Class, WorkflowXaAction)}.
	 * @param xa the XA participant of the database
	 * @param action the work
	 * @throws DtmFailure when the work refused, now or in a recorded run
	 */
	public void xa(XaParticipant xa, XaAction action) {
		xa(xa, Void.class, (jdbc) -> {
			action.execute(jdbc);
			return null;
		});
	}

	/**
	 * Run local code as the branch's action; its result is recorded.
	 * @param <T> the result type
	 * @param resultType the result type, to read a recorded result back
	 * @param action the action
	 * @return the result
	 * @throws DtmFailure when the action refused, now or in a recorded run
	 */
	public <T> T local(Class<T> resultType, WorkflowStepAction<T> action) {
		return local(null, resultType, action);
	}

	<T> T local(String name, Class<T> resultType, WorkflowStepAction<T> action) {
		byte[] answer = action(name,
				() -> this.workflow.codec().write(action.run(this.workflow.barrier(this.branchId))));
		return this.workflow.codec().read(answer, resultType);
	}

	private byte[] action(String name, WorkflowInterceptor.Proceed body) {
		if (this.actionDone) {
			throw new IllegalStateException("branch " + this.branchId + " already ran its action");
		}
		this.actionDone = true;
		StepResult result = this.workflow.step(this.branchId, name, body);
		if (result.isFailed()) {
			this.workflow.dropRollback(this.branchId);
		}
		return result.get();
	}

}
