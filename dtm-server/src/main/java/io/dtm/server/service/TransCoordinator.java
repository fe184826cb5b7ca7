package io.dtm.server.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.DtmResult;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import io.dtm.server.engine.Schedule;
import io.dtm.server.engine.StaleTransactionException;
import io.dtm.server.engine.StatusMachine;
import io.dtm.server.engine.TransWorker;
import io.dtm.server.engine.TransWorker.PassOutcome;
import io.dtm.server.store.Branch;
import io.dtm.server.store.DuplicateBranchException;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.TransPage;
import io.dtm.server.store.TransQuery;
import io.dtm.server.store.TransStore;

/**
 * The coordinator's operations with dtm's semantics: prepare, submit, abort,
 * registerBranch, query, all, forceStop and the cron resets. Validation happens before
 * any write; status changes go through the {@link StatusMachine}.
 */
public class TransCoordinator {

	/**
	 * How long a wait_result call waits for a pass of the same gid already running here.
	 */
	private static final Duration WAIT_FOR_OTHER_PASS = Duration.ofSeconds(10);

	private final TransStore store;

	private final StatusMachine statusMachine;

	private final TransWorker worker;

	private final RequestValidator validator;

	private final TransFactory factory;

	private final Schedule schedule;

	public TransCoordinator(TransStore store, StatusMachine statusMachine, TransWorker worker,
			RequestValidator validator, TransFactory factory, Schedule schedule) {
		this.store = store;
		this.statusMachine = statusMachine;
		this.worker = worker;
		this.validator = validator;
		this.factory = factory;
		this.schedule = schedule;
	}

	/**
	 * Create a prepared msg, tcc or xa transaction; repeating it while prepared is fine.
	 * @param received the request
	 */
	public void prepare(TransRequest received) {
		TransRequest request = received.withGid(this.validator.gid(received.gid()));
		TransType type = this.validator.transType(request);
		if (type == TransType.SAGA) {
			throw RequestValidator.bad("a saga has no prepare phase; submit it directly");
		}
		if (type == TransType.WORKFLOW) {
			throw RequestValidator.bad("a workflow is prepared with prepareWorkflow");
		}
		this.validator.newTransaction(request, type, true);
		Optional<GlobalTrans> existing = this.store.find(request.gid());
		if (existing.isEmpty()) {
			GlobalTrans global = this.factory.global(request, type, GlobalStatus.PREPARED);
			if (this.store.saveNew(global, this.factory.branches(request, type))) {
				return;
			}
			existing = this.store.find(request.gid());
		}
		GlobalTrans stored = existing.orElseThrow(() -> collision(request.gid()));
		requireType(stored, type);
		if (stored.status() != GlobalStatus.PREPARED) {
			throw new DtmApiException.Conflict("current status '" + stored.status() + "', cannot prepare");
		}
	}

	/**
	 * Submit a transaction: create and process a saga or msg, or move a prepared
	 * transaction to submitted and process its stored branches.
	 * @param received the request
	 */
	public void submit(TransRequest received) {
		TransRequest request = received.withGid(this.validator.gid(received.gid()));
		TransType type = this.validator.transType(request);
		if (type == TransType.WORKFLOW) {
			submitWorkflow(request);
			return;
		}
		this.validator.newTransaction(request, type, false);
		// a saga is new on its first submit: insert first, read only on conflict (one
		// round trip less)
		GlobalTrans trans = (type == TransType.SAGA) ? null : this.store.find(request.gid()).orElse(null);
		List<Branch> stored = null;
		if (trans == null) {
			GlobalTrans global = this.factory.global(request, type, GlobalStatus.SUBMITTED);
			stored = this.store.saveNewWithBranches(global, this.factory.branches(request, type)).orElse(null);
			trans = (stored != null) ? global
					: this.store.find(request.gid()).orElseThrow(() -> collision(request.gid()));
		}
		requireType(trans, type);
		if (trans.status() == GlobalStatus.PREPARED) {
			trans = moveTo(trans, GlobalStatus.SUBMITTED, null);
		}
		if (trans.status() != GlobalStatus.SUBMITTED) {
			throw new DtmApiException.Conflict("current status '" + trans.status() + "', cannot sumbmit");
		}
		run(trans, stored, request.waitResult(), GlobalStatus.SUCCEED);
	}

	/**
	 * Prepare a workflow, or read one that exists: a new workflow is stored prepared,
	 * with no branches; an existing one is returned with every step its client recorded,
	 * so the client can replay them.
	 * @param received the request
	 * @return the transaction and its branches
	 */
	public WorkflowProgress prepareWorkflow(TransRequest received) {
		TransRequest request = received.withGid(this.validator.gid(received.gid()));
		TransType type = this.validator.transType(request);
		if (type != TransType.WORKFLOW) {
			throw RequestValidator.bad("prepareWorkflow takes trans_type 'workflow', not '" + type + "'");
		}
		this.validator.newTransaction(request, type, true);
		GlobalTrans global = this.factory.global(request, type, GlobalStatus.PREPARED);
		if (this.store.saveNew(global, List.of())) {
			return new WorkflowProgress(global, List.of());
		}
		GlobalTrans stored = this.store.find(request.gid()).orElseThrow(() -> collision(request.gid()));
		requireType(stored, type);
		return new WorkflowProgress(stored, this.store.findBranches(stored.gid()));
	}

	/**
	 * A workflow's client reports its outcome: the status in {@code req_extra.status}
	 * ({@code succeed} or {@code failed}) with {@code rollback_reason} and
	 * {@code result}, as dtm's workflow SDK sends them.
	 */
	private void submitWorkflow(TransRequest request) {
		Map<String, String> extra = (request.reqExtra() != null) ? request.reqExtra() : Map.of();
		GlobalStatus to;
		try {
			to = GlobalStatus.fromWireValue(extra.getOrDefault("status", ""));
		}
		catch (IllegalArgumentException ex) {
			to = null;
		}
		if (to != GlobalStatus.SUCCEED && to != GlobalStatus.FAILED) {
			throw RequestValidator.bad("a workflow is submitted with req_extra.status 'succeed' or 'failed', not '"
					+ extra.get("status") + "'");
		}
		String reason = extra.get("rollback_reason");
		this.validator.rollbackReason(reason);
		String result = extra.get("result");
		if (result != null && result.length() > RequestValidator.MAX_TEXT_LENGTH) {
			throw RequestValidator.bad("req_extra.result is " + result.length() + " characters long; at most "
					+ RequestValidator.MAX_TEXT_LENGTH + " are stored");
		}
		GlobalTrans trans = this.store.find(request.gid())
			.orElseThrow(() -> DtmApiException.ClientError.notFound("no trans with gid: " + request.gid()));
		requireType(trans, TransType.WORKFLOW);
		if (trans.status() != GlobalStatus.PREPARED) {
			throw new DtmApiException.Conflict("current status '" + trans.status() + "', cannot sumbmit");
		}
		try {
			this.statusMachine.transition(trans, to, (reason != null && !reason.isEmpty()) ? reason : null,
					(result != null) ? result : "");
		}
		catch (StaleTransactionException ex) {
			throw new DtmApiException.Conflict("current status '"
					+ this.store.find(trans.gid()).map(GlobalTrans::status).orElse(null) + "', cannot sumbmit");
		}
	}

	/**
	 * Abort a prepared msg (it fails at once) or a prepared or aborting tcc/xa (its
	 * rollback branches are called).
	 * @param request the request
	 */
	public void abort(TransRequest request) {
		String gid = this.validator.gid(request.gid());
		this.validator.rollbackReason(request.rollbackReason());
		GlobalTrans trans = this.store.find(gid)
			.orElseThrow(() -> DtmApiException.ClientError.notFound("no trans with gid: " + gid));
		String reason = (request.rollbackReason() != null && !request.rollbackReason().isEmpty())
				? request.rollbackReason() : null;
		if (trans.transType() == TransType.MSG && trans.status() == GlobalStatus.PREPARED) {
			moveTo(trans, GlobalStatus.FAILED, reason);
			return;
		}
		boolean twoPhase = trans.transType() == TransType.TCC || trans.transType() == TransType.XA;
		if (twoPhase && trans.status() == GlobalStatus.PREPARED) {
			trans = moveTo(trans, GlobalStatus.ABORTING, reason);
		}
		if (!twoPhase || trans.status() != GlobalStatus.ABORTING) {
			throw new DtmApiException.Conflict(
					"trans type: '" + trans.transType() + "' current status '" + trans.status() + "', cannot abort");
		}
		run(trans, null, request.waitResult(), GlobalStatus.FAILED);
	}

	/**
	 * Register a tcc or xa branch of a prepared transaction, its payload in the
	 * {@code data} field (the HTTP and JSON-RPC form).
	 * @param fields the flat body
	 */
	public void registerBranch(Map<String, String> fields) {
		String data = fields.get("data");
		this.validator.payload("data", data);
		registerBranch(fields, (data != null) ? data.getBytes(StandardCharsets.UTF_8) : new byte[0], "http");
	}

	/**
	 * Register a tcc or xa branch of a prepared transaction with a payload given as bytes
	 * (the gRPC form: {@code BusiPayload}, passed to the branch unchanged).
	 * @param fields gid, trans_type, branch_id and the URLs ({@code confirm} and
	 * {@code cancel} for tcc, {@code url} for xa)
	 * @param data the branch payload
	 * @param apiProtocol the protocol of the API the request came in on ({@code http},
	 * {@code json-rpc} or {@code grpc})
	 */
	public void registerBranch(Map<String, String> fields, byte[] data, String apiProtocol) {
		String gid = this.validator.gid(fields.get("gid"));
		TransType type;
		try {
			type = TransType.fromWireValue(fields.get("trans_type"));
		}
		catch (IllegalArgumentException ex) {
			throw RequestValidator.bad("trans_type '" + fields.get("trans_type") + "' cannot register branches");
		}
		if (type != TransType.TCC && type != TransType.XA && type != TransType.WORKFLOW) {
			throw RequestValidator.bad("trans_type '" + type + "' cannot register branches; only tcc, xa and workflow");
		}
		String branchId = fields.get("branch_id");
		if (branchId == null || branchId.isEmpty() || branchId.length() > RequestValidator.MAX_GID_LENGTH) {
			throw RequestValidator.bad("branch_id is missing or longer than " + RequestValidator.MAX_GID_LENGTH);
		}
		this.validator.payloadSize("data", data.length);
		Optional<GlobalTrans> stored = this.store.find(gid);
		// the URLs are called with the transaction's protocol; with no transaction (the
		// registration fails below) they are checked as the API they came in on calls
		String protocol = stored.map(GlobalTrans::protocol).orElse(apiProtocol);
		if (type == TransType.TCC) {
			this.validator.url("confirm", fields.get("confirm"), true, protocol);
			this.validator.url("cancel", fields.get("cancel"), true, protocol);
		}
		else if (type == TransType.XA) {
			this.validator.url("url", fields.get("url"), false, protocol);
		}
		else {
			workflowStep(fields);
		}
		if (stored.isPresent() && stored.get().transType() != type) {
			throw new DtmApiException.Conflict("gid '" + gid + "' is a " + stored.get().transType()
					+ " transaction; cannot register a " + type + " branch");
		}
		List<Branch> branches = this.factory.registered(gid, type, branchId, fields, data);
		try {
			if (!this.store.registerBranches(gid, branches, now())) {
				throw new DtmApiException.Conflict("no trans with gid: " + gid + " status: prepared found");
			}
		}
		catch (DuplicateBranchException ex) {
			throw new DtmApiException.Conflict(ex.getMessage());
		}
	}

	/**
	 * A workflow step's record names its op and its outcome; {@code business} is the
	 * marker dtm's {@code DoXa} records before it prepares its XA branch.
	 */
	private static void workflowStep(Map<String, String> fields) {
		String op = fields.get("op");
		if (!BranchOp.ACTION.wireValue().equals(op) && !BranchOp.ROLLBACK.wireValue().equals(op)
				&& !BranchOp.COMMIT.wireValue().equals(op) && !BranchOp.BUSINESS.wireValue().equals(op)) {
			throw RequestValidator
				.bad("a workflow step needs op 'action', 'rollback', 'commit' or 'business', not '" + op + "'");
		}
		String status = fields.get("status");
		if (!BranchStatus.SUCCEED.wireValue().equals(status) && !BranchStatus.FAILED.wireValue().equals(status)) {
			throw RequestValidator.bad("a workflow step needs status 'succeed' or 'failed', not '" + status + "'");
		}
	}

	/**
	 * Set a transaction to failed at once, without calling anything.
	 * @param gid the gid
	 */
	public void forceStop(String gid) {
		String checked = this.validator.gid(gid);
		GlobalTrans trans = this.store.find(checked)
			.orElseThrow(() -> DtmApiException.ClientError.notFound("no trans with gid: " + checked));
		if (trans.status().isFinished()) {
			throw new DtmApiException.Conflict("global transaction force stop error. status: " + trans.status());
		}
		// as dtm: the stored rollback_reason stays as it is
		moveTo(trans, GlobalStatus.FAILED, null);
	}

	/**
	 * Set a transaction's next cron time to now, so the cron processes it at once when it
	 * is unfinished; as in dtm a finished transaction only gets the new time.
	 * @param gid the gid
	 */
	public void resetNextCronTime(String gid) {
		String checked = this.validator.gid(gid);
		if (!this.store.resetNextCronTime(checked, now())) {
			throw DtmApiException.ClientError.notFound("no trans with gid: " + checked);
		}
	}

	/**
	 * Pull transactions scheduled far in the future back to now.
	 * @param timeoutSeconds only those scheduled later than now plus this
	 * @param limit at most this many
	 * @return how many were reset and whether more remain
	 */
	public ResetResult resetCronTime(long timeoutSeconds, int limit) {
		this.validator.timeout("timeout", timeoutSeconds);
		if (limit <= 0) {
			throw RequestValidator.bad("limit must be positive (got " + limit + ")");
		}
		LocalDateTime now = now();
		int count = this.store.resetCronTime(now.plusSeconds(timeoutSeconds), now, limit);
		return new ResetResult(count == limit, count);
	}

	/**
	 * One transaction and its branches.
	 * @param gid the gid
	 * @return the transaction, or empty
	 */
	public Optional<GlobalTrans> find(String gid) {
		return this.store.find(gid);
	}

	/**
	 * The branches of a transaction.
	 * @param gid the gid
	 * @return the branches
	 */
	public List<Branch> branches(String gid) {
		return this.store.findBranches(gid);
	}

	/**
	 * A page of transactions.
	 * @param query the query
	 * @return the page
	 */
	public TransPage all(TransQuery query) {
		return this.store.scan(query);
	}

	private GlobalTrans moveTo(GlobalTrans trans, GlobalStatus to, String reason) {
		try {
			return this.statusMachine.transition(trans, to, reason);
		}
		catch (StaleTransactionException ex) {
			GlobalTrans current = this.store.find(trans.gid()).orElseThrow();
			if (current.status() == to) {
				return current;
			}
			throw new DtmApiException.Conflict(
					"current status '" + current.status() + "', cannot change to '" + to + "'");
		}
	}

	private void run(GlobalTrans trans, List<Branch> stored, boolean waitResult, GlobalStatus wanted) {
		if (!waitResult) {
			this.worker.processAsync(trans, stored);
			return;
		}
		Optional<PassOutcome> outcome = this.worker.process(trans, stored, WAIT_FOR_OTHER_PASS);
		if (outcome.isPresent() && outcome.get().storeFailure() != null) {
			// answered as a store failure (503 with the D-code), never with the store's
			// text
			throw outcome.get().storeFailure();
		}
		GlobalTrans after = outcome.map(PassOutcome::trans).orElseGet(() -> this.store.find(trans.gid()).orElse(trans));
		if (after.status() == wanted) {
			return;
		}
		BranchOutcome worst = outcome.map(PassOutcome::worstOutcome).orElse(null);
		String detail = outcome.map(PassOutcome::lastError).orElse(null);
		// as dtm: a saga pass reports no branch outcome, so an unfinished saga is a
		// FAILURE; a msg reports only an unknown error (an ONGOING step is a FAILURE)
		boolean unknownErrorOnly = trans.transType() == TransType.SAGA
				|| (trans.transType() == TransType.MSG && worst != BranchOutcome.ERROR);
		if (after.status().isFinished() || unknownErrorOnly) {
			throw new DtmApiException.Conflict(reasonOf(after));
		}
		if (worst == BranchOutcome.ONGOING || outcome.isEmpty()) {
			throw new DtmApiException.Ongoing((detail != null) ? detail : "transaction is being processed");
		}
		if (worst == BranchOutcome.ERROR) {
			throw new DtmApiException.Failed("branch error: " + detail);
		}
		throw new DtmApiException.Conflict(reasonOf(after));
	}

	/**
	 * The insert hit a unique key but no row has exactly this gid: the database's
	 * collation treats another gid as equal (case or accents).
	 */
	private static DtmApiException collision(String gid) {
		return new DtmApiException.Conflict("gid '" + gid + "' collides with a stored gid that the database's"
				+ " collation treats as equal; gid columns need a binary collation (migration V2)");
	}

	/**
	 * dtm's message for a wait_result call that did not end as wanted: the rollback
	 * reason, or "wait result not return success", followed by " FAILURE" (once).
	 */
	private static String reasonOf(GlobalTrans trans) {
		String reason = (trans.rollbackReason() != null && !trans.rollbackReason().isEmpty()) ? trans.rollbackReason()
				: "wait result not return success:";
		String suffix = " " + DtmResult.FAILURE.wireValue();
		return (reason.endsWith(suffix) ? reason.substring(0, reason.length() - suffix.length()) : reason) + suffix;
	}

	private static void requireType(GlobalTrans stored, TransType requested) {
		if (stored.transType() != requested) {
			throw new DtmApiException.Conflict("gid '" + stored.gid() + "' already exists with trans_type '"
					+ stored.transType() + "', not '" + requested + "'");
		}
	}

	private LocalDateTime now() {
		return this.schedule.now();
	}

	/**
	 * Result of {@code resetCronTime}.
	 *
	 * @param hasRemaining whether the limit was reached, so more may remain
	 * @param succeedCount how many were reset
	 */
	public record ResetResult(boolean hasRemaining, int succeedCount) {

	}

}
