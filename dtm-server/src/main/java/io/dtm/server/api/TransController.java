package io.dtm.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.core.DtmResult;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.service.DtmApiException;
import io.dtm.server.service.GidGenerator;
import io.dtm.server.service.RequestValidator;
import io.dtm.server.service.TransCoordinator;
import io.dtm.server.service.WorkflowProgress;
import io.dtm.server.store.TransPage;
import io.dtm.server.store.TransQuery;

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
	Map<String, Object> newGid() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("gid", this.gids.next());
		body.put("dtm_result", DtmResult.SUCCESS.wireValue());
		return body;
	}

	/** The coordinator version. */
	@GetMapping("/version")
	Map<String, Object> version() {
		return Map.of("version", this.properties.getVersion());
	}

	/** Create a prepared msg/tcc/xa; 409 when the gid exists in another status. */
	@PostMapping("/prepare")
	Map<String, Object> prepare(@RequestBody TransRequest request) {
		this.coordinator.prepare(request);
		return SUCCESS;
	}

	/**
	 * Prepare a workflow, or read one that exists: its transaction and the steps its
	 * client recorded ({@code progresses}), as dtm answers.
	 */
	@PostMapping("/prepareWorkflow")
	Map<String, Object> prepareWorkflow(@RequestBody TransRequest request) {
		WorkflowProgress progress = this.coordinator.prepareWorkflow(request);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("transaction", this.views.global(progress.trans()));
		body.put("progresses", progress.progresses().stream().map(this.views::branch).toList());
		return body;
	}

	/** Submit; with wait_result 200 only when the transaction succeeded. */
	@PostMapping("/submit")
	Map<String, Object> submit(@RequestBody TransRequest request) {
		this.coordinator.submit(request);
		return SUCCESS;
	}

	/** Abort a prepared msg, or a prepared/aborting tcc or xa. */
	@PostMapping("/abort")
	Map<String, Object> abort(@RequestBody TransRequest request) {
		this.coordinator.abort(request);
		return SUCCESS;
	}

	/** Register a tcc or xa branch; every body value must be a string. */
	@PostMapping({ "/registerBranch", "/registerTccBranch", "/registerXaBranch" })
	Map<String, Object> registerBranch(@RequestBody Map<String, Object> body) {
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
	Map<String, Object> forceStop(@RequestBody TransRequest request) {
		this.coordinator.forceStop(request.gid());
		return SUCCESS;
	}

	/** Let the cron process one unfinished transaction now. */
	@PostMapping("/resetNextCronTime")
	Map<String, Object> resetNextCronTime(@RequestBody TransRequest request) {
		this.coordinator.resetNextCronTime(request.gid());
		return SUCCESS;
	}

	/** Pull transactions scheduled far in the future back to now. */
	@GetMapping("/resetCronTime")
	Map<String, Object> resetCronTime(@RequestParam(name = "timeout", required = false) Long timeout,
			@RequestParam(name = "limit", defaultValue = "100") int limit) {
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
	Map<String, Object> query(@RequestParam(name = "gid", required = false) String gid) {
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
	Map<String, Object> all(@RequestParam(name = "gid", required = false) String gid,
			@RequestParam(name = "position", required = false) String position,
			@RequestParam(name = "limit", defaultValue = "100") int limit,
			@RequestParam(name = "status", required = false) String status,
			@RequestParam(name = "transType", required = false) String transType,
			@RequestParam(name = "createTimeStart", required = false) Long createTimeStart,
			@RequestParam(name = "createTimeEnd", required = false) Long createTimeEnd) {
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
