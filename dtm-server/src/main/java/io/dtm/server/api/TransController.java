package io.dtm.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.DtmResult;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import io.dtm.server.api.openapi.ApiAnswers;
import io.dtm.server.api.openapi.ApiRequests;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.service.DtmApiException;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.RequestValidator;
import io.dtm.server.service.TransCoordinator;
import io.dtm.server.service.WorkflowProgress;
import io.dtm.server.store.TransPage;
import io.dtm.server.store.TransQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * dtm's HTTP API under {@code /api/dtmsvr}. Success answers 200 with
 * {@code {"dtm_result":"SUCCESS"}} (dtmcli-java reads the field); errors are mapped by
 * {@link DtmExceptionHandler}.
 */
@RestController
@RequestMapping("/api/dtmsvr")
@Tag(name = "transactions", description = "Global transactions: create, drive and read them (dtm's API).")
public class TransController {

	/** Largest page of {@code all} and {@code scanKV}. */
	static final int MAX_PAGE = 10_000;

	private static final Map<String, Object> SUCCESS = Map.of("dtm_result", DtmResult.SUCCESS.wireValue());

	private final TransCoordinator coordinator;

	private final GidGenerator gids;

	private final ViewMapper views;

	private final DtmServerProperties properties;

	TransController(TransCoordinator coordinator, GidGenerator gids, ViewMapper views, DtmServerProperties properties) {
		this.coordinator = coordinator;
		this.gids = gids;
		this.views = views;
		this.properties = properties;
	}

	/** A new unique gid. */
	@GetMapping("/newGid")
	@Operation(summary = "A new gid", description = "A unique gid for a new transaction. Reads no store.")
	@ApiResponse(responseCode = "200", description = "The gid.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.NewGid.class)))
	Map<String, Object> newGid() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", this.gids.next());
		body.put("dtm_result", DtmResult.SUCCESS.wireValue());
		return body;
	}

	/** The coordinator version. */
	@GetMapping("/version")
	@Operation(summary = "The coordinator's version",
			description = "The dtm version this server answers as " + "(`dtm.server.version`). Reads no store.")
	@ApiResponse(responseCode = "200", description = "The version.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Version.class)))
	Map<String, Object> version() {
		return Map.of("version", this.properties.getVersion());
	}

	/** Create a prepared msg/tcc/xa; 409 when the gid exists in another status. */
	@PostMapping("/prepare")
	@Operation(summary = "Prepare a msg, tcc or xa transaction", description = "Stores the transaction as "
			+ "`prepared`: a msg with its steps as branches (a `topic://` step fans out to the topic's current "
			+ "subscribers); tcc and xa then register their branches with `registerBranch`. A transaction still "
			+ "`prepared` after `timeout_to_fail` is checked back (msg) or rolled back (tcc, xa). Repeating it while "
			+ "the gid is `prepared` answers 200 and changes nothing.")
	@ApiResponse(responseCode = "200", description = "Prepared.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "400",
			description = "Bad input (docs/api.md#validation-http-400), e.g. "
					+ "`a saga has no prepare phase; submit it directly`; nothing is written.")
	@ApiResponse(responseCode = "409", description = "The gid exists in another status (`current status "
			+ "'submitted', cannot prepare`) or with another mode (`gid 'G' already exists with trans_type 'saga', "
			+ "not 'msg'`).")
	@ApiResponse(responseCode = "500", description = "A `topic://` step names a topic that does not exist or has no "
			+ "subscribers (`topic not found`, nothing is written), the store refused a statement (`code`), or any "
			+ "other error.")
	Map<String, Object> prepare(@RequestBody TransRequest request) {
		this.coordinator.prepare(request);
		return SUCCESS;
	}

	/**
	 * Prepare a workflow, or read one that exists: its transaction and the steps its
	 * client recorded ({@code progresses}), as dtm answers.
	 */
	@PostMapping("/prepareWorkflow")
	@Operation(summary = "Prepare a workflow, or read one", description = "Takes `trans_type` `workflow`, "
			+ "`custom_data` `{\"name\":<workflow>,\"data\":<base64 input>}` and the resume URL as "
			+ "`query_prepared`. A new gid is stored `prepared` with no steps; an existing workflow is answered as "
			+ "stored with every step its client recorded, so that the client can replay them.")
	@ApiResponse(responseCode = "200", description = "The workflow and its recorded steps.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.WorkflowProgress.class)))
	@ApiResponse(responseCode = "400", description = "Bad input, e.g. `custom_data of a workflow must be "
			+ "{\"name\": <workflow name>, \"data\": <base64>}` or `prepareWorkflow takes trans_type 'workflow', "
			+ "not 'saga'`; nothing is written.")
	@ApiResponse(responseCode = "409", description = "The gid exists with another mode.")
	Map<String, Object> prepareWorkflow(@RequestBody TransRequest request) {
		WorkflowProgress progress = this.coordinator.prepareWorkflow(request);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("transaction", this.views.global(progress.trans()));
		body.put("progresses", progress.progresses().stream().map(this.views::branch).toList());
		return body;
	}

	/** Submit; with wait_result 200 only when the transaction succeeded. */
	@PostMapping("/submit")
	@Operation(summary = "Submit a transaction", description = "A new saga or msg is stored `submitted` and "
			+ "processed at once; a `prepared` msg, tcc or xa moves to `submitted` and its stored branches are "
			+ "processed (tcc confirms, xa commits); an already `submitted` one gets another processing pass of its "
			+ "stored branches. A workflow reports its outcome in `req_extra.status`. Without `wait_result` the "
			+ "answer comes as soon as the change is stored and a pass starts in the background; with it, after "
			+ "one pass. A non-200 answer under `wait_result` does not mean the transaction is finished or rolled "
			+ "back: the cron keeps retrying it; `query` shows its state.")
	@ApiResponse(responseCode = "200", description = "Submitted; with `wait_result` the transaction succeeded.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "400",
			description = "Bad input (docs/api.md#validation-http-400); nothing is " + "written.")
	@ApiResponse(responseCode = "404",
			description = "Only with `dtm.server.strict.client-errors`: a workflow " + "submit for an unknown gid.")
	@ApiResponse(responseCode = "409", description = "The transaction is finished or aborting (`current status "
			+ "'succeed', cannot sumbmit`, spelled as in dtm) or has another mode; with `wait_result`: the pass did "
			+ "not end in success (`wait result not return success: FAILURE`, or the rollback reason followed by "
			+ "` FAILURE`).")
	@ApiResponse(responseCode = "425", description = "Only with `wait_result`, tcc and xa: a pass of the same gid "
			+ "was already running on this instance (`transaction is being processed`), or the worst branch answer "
			+ "was ONGOING (`HTTP 425 {}`).")
	@ApiResponse(responseCode = "500", description = "With `wait_result` a branch answered an unknown error "
			+ "(`branch error: HTTP 500 {}`); a workflow submit for an unknown gid (`no trans with gid: G`); a "
			+ "`topic://` step without subscribers (`topic not found`); the store refused a statement (`code`); "
			+ "or any other error.")
	Map<String, Object> submit(@RequestBody TransRequest request) {
		this.coordinator.submit(request);
		return SUCCESS;
	}

	/** Abort a prepared msg, or a prepared/aborting tcc or xa. */
	@PostMapping("/abort")
	@Operation(summary = "Abort a prepared msg, tcc or xa", description = "A `prepared` msg becomes `failed` at "
			+ "once, calling nothing. A `prepared` or `aborting` tcc or xa becomes `aborting` and its cancel or "
			+ "rollback branches are called. Reads `gid`, `rollback_reason` and `wait_result`; the stored mode "
			+ "decides, not the request's `trans_type`.")
	@ApiResponse(responseCode = "200",
			description = "Aborted; with `wait_result` the transaction rolled back " + "completely (`failed`).",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "400", description = "A bad `gid` or `rollback_reason`.")
	@ApiResponse(responseCode = "404", description = "Only with `dtm.server.strict.client-errors`: an unknown gid.")
	@ApiResponse(responseCode = "409",
			description = "Another status or mode (`trans type: 'saga' current status "
					+ "'submitted', cannot abort`); with `wait_result`: the pass did not finish the rollback.")
	@ApiResponse(responseCode = "425", description = "Only with `wait_result`: as for `submit`.")
	@ApiResponse(responseCode = "500", description = "An unknown gid (`no trans with gid: G`); with `wait_result` a "
			+ "branch's unknown error; the store refused a statement (`code`); or any other error.")
	Map<String, Object> abort(@RequestBody TransRequest request) {
		this.coordinator.abort(request);
		return SUCCESS;
	}

	/** Register a tcc or xa branch; every body value must be a string. */
	@PostMapping({ "/registerBranch", "/registerTccBranch", "/registerXaBranch" })
	@Operation(summary = "Register a tcc, xa or workflow branch", description = "tcc stores a `cancel` row, then a "
			+ "`confirm` row, both with `data` as their body; xa stores `rollback`, then `commit`, both calling "
			+ "`url`; a workflow records one step with its `op` and `status`. The same at `/registerBranch`, "
			+ "`/registerTccBranch` and `/registerXaBranch`.")
	@ApiResponse(responseCode = "200", description = "Registered.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "400", description = "A value that is not a string (`registerBranch field "
			+ "'branch_id' must be a string; every value is a string`), a bad `trans_type` or `branch_id`, a bad "
			+ "URL, a payload over the limit; nothing is written.")
	@ApiResponse(responseCode = "409", description = "The transaction does not exist or is not `prepared` (`no "
			+ "trans with gid: G status: prepared found`), has another mode, or the branch is registered already "
			+ "(`branch '01' of gid 'G' is already registered`).")
	Map<String, Object> registerBranch(
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = ApiRequests.RegisterBranchRequest.class))) @RequestBody Map<String, Object> body) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : body.entrySet()) {
			if (!(entry.getValue() instanceof String value)) {
				throw new DtmApiException.BadRequest(
						"registerBranch field '" + entry.getKey() + "' must be a string; every value is a string");
			}
			fields.put(entry.getKey(), value);
		}
		this.coordinator.registerBranch(fields);
		return SUCCESS;
	}

	/** Fail an unfinished transaction at once, calling nothing. */
	@PostMapping("/forceStop")
	@Operation(summary = "Fail an unfinished transaction at once", description = "The transaction becomes "
			+ "`failed` immediately: nothing is called and nothing is compensated; its `rollback_reason` stays as "
			+ "stored. Reads only `gid`. An operator call.")
	@ApiResponse(responseCode = "200", description = "Stopped.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "400", description = "A bad `gid`.")
	@ApiResponse(responseCode = "404", description = "Only with `dtm.server.strict.client-errors`: an unknown gid.")
	@ApiResponse(responseCode = "409",
			description = "The transaction is finished already (`global transaction "
					+ "force stop error. status: succeed`).")
	@ApiResponse(responseCode = "500", description = "An unknown gid (`no trans with gid: G`), the store refused a "
			+ "statement (`code`), or any other error.")
	Map<String, Object> forceStop(@RequestBody TransRequest request) {
		this.coordinator.forceStop(request.gid());
		return SUCCESS;
	}

	/** Let the cron process one unfinished transaction now. */
	@PostMapping("/resetNextCronTime")
	@Operation(summary = "Process one transaction now", description = "Sets `next_cron_time` (and `update_time`) "
			+ "to now, so that the next cron poll of any instance processes an unfinished transaction; a finished "
			+ "one only gets the new times, as in dtm. Reads only `gid`. An operator call.")
	@ApiResponse(responseCode = "200", description = "Done.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Success.class)))
	@ApiResponse(responseCode = "400", description = "A bad `gid`.")
	@ApiResponse(responseCode = "404", description = "Only with `dtm.server.strict.client-errors`: an unknown gid.")
	@ApiResponse(responseCode = "500", description = "An unknown gid (`no trans with gid: G`), the store refused a "
			+ "statement (`code`), or any other error.")
	Map<String, Object> resetNextCronTime(@RequestBody TransRequest request) {
		this.coordinator.resetNextCronTime(request.gid());
		return SUCCESS;
	}

	/** Pull transactions scheduled far in the future back to now. */
	@GetMapping("/resetCronTime")
	@Operation(summary = "Make far-scheduled transactions due now", description = "Unfinished transactions whose "
			+ "`next_cron_time` is more than `timeout` seconds in the future (backed off far) are made due now, at "
			+ "most `limit` of them: for recovery after an outage or a fix. An operator call.")
	@ApiResponse(responseCode = "200", description = "What was reset.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.ResetCronTime.class)))
	@ApiResponse(responseCode = "400", description = "A negative or too large `timeout` (`timeout must not be "
			+ "negative (got -1)`), `limit must be positive (got 0)`, or a parameter that is not a number.")
	Map<String, Object> resetCronTime(
			@Parameter(description = "Seconds; default 3 × `dtm.server.timeout-to-fail` "
					+ "(105 with the defaults); at most `dtm.server.limits.max-timeout`.") @RequestParam(
							name = "timeout", required = false) Long timeout,
			@Parameter(description = "Most transactions to reset; positive.") @RequestParam(name = "limit",
					defaultValue = "100") int limit) {
		long seconds = (timeout != null) ? timeout : this.properties.getTimeoutToFail().toSeconds() * 3;
		TransCoordinator.ResetResult result = this.coordinator.resetCronTime(seconds, limit);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("has_remaining", result.hasRemaining());
		body.put("succeed_count", result.succeedCount());
		return body;
	}

	/**
	 * One transaction with its branches; {@code transaction} is null for an unknown gid.
	 */
	@GetMapping("/query")
	@Operation(summary = "One transaction with its branches",
			description = "The transaction and its branch rows as stored.")
	@ApiResponse(responseCode = "200",
			description = "The transaction; for an unknown gid " + "`{\"transaction\":null,\"branches\":[]}`.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.Query.class)))
	@ApiResponse(responseCode = "400", description = "Only with `dtm.server.strict.client-errors`: no `gid`.")
	@ApiResponse(responseCode = "500", description = "No `gid` (`no gid specified`, as dtm), the store refused a "
			+ "statement (`code`), or any other error.")
	Map<String, Object> query(@Parameter(description = "The gid; required (see the error answers).") @RequestParam(
			name = "gid", required = false) String gid) {
		if (gid == null || gid.isEmpty()) {
			throw DtmApiException.ClientError.missing("no gid specified");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("transaction", this.coordinator.find(gid).map(this.views::global).orElse(null));
		body.put("branches", this.coordinator.branches(gid).stream().map(this.views::branch).toList());
		return body;
	}

	/** Transactions newest first, filtered and paged by position. */
	@GetMapping("/all")
	@Operation(summary = "List transactions",
			description = "Newest first, paged by `position` and filtered; with "
					+ "`gid` only that transaction (the other parameters are then ignored).")
	@ApiResponse(responseCode = "200", description = "A page of transactions.",
			content = @Content(schema = @Schema(implementation = ApiAnswers.TransactionPage.class)))
	@ApiResponse(responseCode = "400", description = "`limit must be positive (got 0)`, `position 'x' is not a "
			+ "position from next_position`, `unknown GlobalStatus 'x'`, `unknown TransType 'x'`, a time outside "
			+ "the years 0-9999, or a parameter that is not a number.")
	Map<String, Object> all(
			@Parameter(description = "One transaction by its gid.") @RequestParam(name = "gid",
					required = false) String gid,
			@Parameter(
					description = "The `next_position` of the previous page; absent or empty for the first page.") @RequestParam(
							name = "position", required = false) String position,
			@Parameter(description = "Page size; positive, above 10000 it is clamped to 10000.") @RequestParam(
					name = "limit", defaultValue = "100") int limit,
			@Parameter(description = "Only transactions in this status.",
					schema = @Schema(implementation = GlobalStatus.class)) @RequestParam(name = "status",
							required = false) String status,
			@Parameter(description = "Only transactions of this mode.",
					schema = @Schema(implementation = TransType.class)) @RequestParam(name = "transType",
							required = false) String transType,
			@Parameter(description = "Only transactions created at or after this time, in milliseconds since "
					+ "1970.") @RequestParam(name = "createTimeStart", required = false) Long createTimeStart,
			@Parameter(description = "Only transactions created at or before this time, in milliseconds since "
					+ "1970.") @RequestParam(name = "createTimeEnd", required = false) Long createTimeEnd) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (gid != null && !gid.isEmpty()) {
			body.put("transactions", this.coordinator.find(gid).map(this.views::global).stream().toList());
			body.put("next_position", "");
			return body;
		}
		TransPage page = this.coordinator
			.all(new TransQuery(parsePosition(position), pageLimit(limit),
					(status != null && !status.isEmpty()) ? parse(() -> GlobalStatus.fromWireValue(status)) : null,
					(transType != null && !transType.isEmpty()) ? parse(() -> TransType.fromWireValue(transType))
							: null,
					RequestValidator.epochMillis("createTimeStart", createTimeStart),
					RequestValidator.epochMillis("createTimeEnd", createTimeEnd)));
		body.put("transactions", page.transactions().stream().map(this.views::global).toList());
		body.put("next_position", page.nextPosition());
		return body;
	}

	/**
	 * The page size of {@code all} and {@code scanKV}: at least 1 (0 or less is refused),
	 * and a larger value than {@value #MAX_PAGE} is clamped to it (dtm has no upper
	 * bound; {@code next_position} continues after a clamped page).
	 * @param limit the requested limit
	 * @return the limit to use
	 */
	static int pageLimit(int limit) {
		if (limit <= 0) {
			throw new DtmApiException.BadRequest("limit must be positive (got " + limit + ")");
		}
		return Math.min(limit, MAX_PAGE);
	}

	static Long parsePosition(String position) {
		if (position == null || position.isEmpty()) {
			return null;
		}
		try {
			return Long.parseLong(position);
		}
		catch (NumberFormatException ex) {
			throw new DtmApiException.BadRequest("position '" + position + "' is not a position from next_position");
		}
	}

	private static <T> T parse(java.util.function.Supplier<T> parser) {
		try {
			return parser.get();
		}
		catch (IllegalArgumentException ex) {
			throw new DtmApiException.BadRequest(ex.getMessage());
		}
	}

}
