package io.dtm.server.api.openapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import io.dtm.core.TransType;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * Documentation-only schemas of the request bodies: {@code io.dtm.core.TransRequest}
 * (read by {@code prepare}, {@code prepareWorkflow}, {@code submit}, {@code abort},
 * {@code forceStop} and {@code resetNextCronTime}) and the flat string map of
 * {@code registerBranch}. Nothing deserialises these types; {@code OpenApiSchemaTests}
 * checks that {@link TransRequest} names exactly the fields
 * {@code io.dtm.core.TransRequest} reads.
 */
public final class ApiRequests {

	private static final String SECONDS = " Whole seconds; 0 or absent means the server default.";

	private ApiRequests() {
	}

	/**
	 * The body of the transaction calls.
	 */
	@Schema(name = "TransRequest",
			description = "A global transaction as the client sends it (dtm's names). "
					+ "Unknown fields are ignored (dtmcli-java sends `subType` and `passthrough_headers`). `abort`, "
					+ "`forceStop` and `resetNextCronTime` read only `gid` (and `abort` `rollback_reason` and "
					+ "`wait_result`).")
	public record TransRequest(
			@Schema(description = "Global transaction id, at most 128 characters: chosen by the client or taken from "
					+ "`newGid`. CR, LF and `;` are removed from it as in dtm (`dtm.server.strict.gid` refuses them "
					+ "instead).", requiredMode = RequiredMode.REQUIRED,
					example = "order-1001") @JsonProperty("gid") String gid,
			@Schema(description = "Mode (case-insensitive); `abort` uses the stored one. `workflow` is prepared "
					+ "with `prepareWorkflow`.") @JsonProperty("trans_type") TransType transType,
			@Schema(description = "saga: `{\"action\":url,\"compensate\":url}` per step; msg: `{\"action\":url}` "
					+ "(`topic://<name>` fans out to the topic's subscribers). Not allowed for tcc and xa. At most "
					+ "`dtm.server.limits.max-steps` (1000).") @JsonProperty("steps") List<Step> steps,
			@Schema(description = "The body of step i (same index as `steps`); an empty string calls the branch with "
					+ "GET and no body. Each at most `dtm.server.limits.max-payload-bytes` (1 MiB).") @JsonProperty("payloads") List<String> payloads,
			@Schema(description = "JSON text, at most 1024 characters. saga: `{\"concurrent\":true,"
					+ "\"orders\":{\"2\":[0,1]}}` (0-based step indexes; step 2 waits for steps 0 and 1); msg: "
					+ "`{\"delay\":seconds}` before delivery; workflow: `{\"name\":<workflow>,\"data\":<base64 "
					+ "input>}`.") @JsonProperty("custom_data") String customData,
			@Schema(description = "msg: the check-back URL, called with GET when a prepared msg times out (optional "
					+ "as in dtm; `dtm.server.strict.query-prepared` requires it); workflow: the URL that resumes "
					+ "the workflow.") @JsonProperty("query_prepared") String queryPrepared,
			@Schema(description = "How branches are called: `http` (the default when empty), `json-rpc` or `grpc`.",
					allowableValues = {
							"http", "json-rpc", "grpc" }) @JsonProperty("protocol") String protocol,
			@Schema(description = "`submit` and `abort`: run one processing pass inside the call and answer with its "
					+ "outcome (see the 409, 425 and 500 answers).") @JsonProperty("wait_result") boolean waitResult,
			@Schema(description = "Per-transaction timeout, counted from creation: a prepared msg is then checked "
					+ "back, a prepared tcc or xa rolled back, a saga (only with its own value) rolled back."
					+ SECONDS) @JsonProperty("timeout_to_fail") long timeoutToFail,
			@Schema(description = "Timeout of one branch call." + SECONDS
					+ " At most `dtm.server.limits.max-request-timeout` (1 h).") @JsonProperty("request_timeout") long requestTimeout,
			@Schema(description = "Base retry interval; doubled after each failed pass."
					+ SECONDS) @JsonProperty("retry_interval") long retryInterval,
			@Schema(description = "Extra headers sent on every branch call (metadata over gRPC); `Host`, "
					+ "`Content-Length`, `Content-Type` and other hop-by-hop headers are refused.") @JsonProperty("branch_headers") Map<String, String> branchHeaders,
			@Schema(description = "msg only: deliver every step in parallel (a saga reads `custom_data.concurrent` "
					+ "instead).") @JsonProperty("concurrent") boolean concurrent,
			@Schema(description = "saga only: immediate re-runs of an action whose outcome is unknown before the "
					+ "saga rolls back; 0 means none.") @JsonProperty("retry_limit") long retryLimit,
			@Schema(description = "Counter paired with `retry_limit`; stored with the options, normally not "
					+ "sent.") @JsonProperty("retry_count") long retryCount,
			@Schema(description = "`abort`: why the transaction is rolled back, stored on it; at most 1024 "
					+ "characters.") @JsonProperty("rollback_reason") String rollbackReason,
			@Schema(description = "workflow `submit` only: the outcome its client reports.") @JsonProperty("req_extra") WorkflowOutcome reqExtra){

	}

	/**
	 * One saga or msg step.
	 */
	@Schema(name = "Step", description = "One step: the URLs the coordinator calls. An empty URL succeeds without a "
			+ "call. URLs are absolute `http(s)` URLs with a host (at most 1024 characters), `nacos://` or `lb://` "
			+ "service URLs while service discovery is on, or gRPC targets (`host:port/package.Service/Method`) in "
			+ "`grpc` and `json-rpc` transactions.")
	public record Step(
			@Schema(description = "The forward call; msg: `topic://<name>` delivers to every subscriber of the "
					+ "topic.", requiredMode = RequiredMode.REQUIRED) @JsonProperty("action") String action,
			@Schema(description = "saga only (required there): the compensation, called when the saga rolls "
					+ "back.") @JsonProperty("compensate") String compensate,
			@Schema(description = "Legacy: the step's payload, used when `payloads` is absent.") @JsonProperty("data") String data) {

	}

	/**
	 * The {@code req_extra} of a workflow's {@code submit}.
	 */
	@Schema(name = "WorkflowOutcome", description = "A string map; these are the keys the coordinator reads.")
	public record WorkflowOutcome(
			@Schema(description = "How the workflow ended.", requiredMode = RequiredMode.REQUIRED, allowableValues = {
					"succeed", "failed" }) @JsonProperty("status") String status,
			@Schema(description = "Why it failed; at most 1024 characters.") @JsonProperty("rollback_reason") String rollbackReason,
			@Schema(description = "The workflow's result (base64), stored as the transaction's `result`; at most "
					+ "1024 characters.") @JsonProperty("result") String result){

	}

	/**
	 * The flat body of {@code registerBranch}.
	 */
	@Schema(name = "RegisterBranchRequest", description = "A flat object whose values are all strings (any other "
			+ "value type is refused with 400). The transaction must exist and be `prepared`.")
	public record RegisterBranchRequest(
			@Schema(description = "Global transaction id of the prepared transaction.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("gid") String gid,
			@Schema(description = "`tcc`, `xa` or `workflow`; it must match the stored transaction.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("trans_type") TransType transType,
			@Schema(description = "Branch id chosen by the client, 1-128 characters; unique per operation within "
					+ "the transaction.", requiredMode = RequiredMode.REQUIRED,
					example = "01") @JsonProperty("branch_id") String branchId,
			@Schema(description = "tcc: the confirm URL (stored as a `confirm` row).") @JsonProperty("confirm") String confirm,
			@Schema(description = "tcc: the cancel URL (stored as a `cancel` row, before `confirm`).") @JsonProperty("cancel") String cancel,
			@Schema(description = "xa (required there): the phase-2 URL, stored as a `rollback` and a `commit` "
					+ "row.") @JsonProperty("url") String url,
			@Schema(description = "The body of the calls of this branch (tcc, xa) or the step's recorded output "
					+ "(workflow); at most `dtm.server.limits.max-payload-bytes`.") @JsonProperty("data") String data,
			@Schema(description = "workflow: the recorded operation (`action`, `rollback`, `commit` or "
					+ "`business`).") @JsonProperty("op") BranchOp op,
			@Schema(description = "workflow: the step's outcome, `succeed` or `failed`.") @JsonProperty("status") BranchStatus status) {

	}

}
