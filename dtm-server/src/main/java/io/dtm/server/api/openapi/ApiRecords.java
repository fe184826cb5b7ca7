package io.dtm.server.api.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * Documentation-only schemas of the stored records the read endpoints answer with
 * ({@code io.dtm.core.GlobalTransactionView}, {@code io.dtm.core.BranchView} and a KV
 * row), in dtm's field names. Nothing serialises these types; {@code OpenApiSchemaTests}
 * checks that they name exactly the fields of the types that are serialised.
 */
public final class ApiRecords {

	private static final String TIME = " RFC 3339 with the coordinator's zone offset, whole seconds "
			+ "(`2026-01-02T15:04:05+08:00`).";

	private ApiRecords() {
	}

	/**
	 * A global transaction as {@code query}, {@code all} and {@code prepareWorkflow}
	 * answer it.
	 */
	@Schema(name = "Transaction", description = "A global transaction as dtm shows it. Empty fields are omitted, "
			+ "except `id`, `create_time`, `update_time` and `concurrent`.")
	public record Transaction(
			@Schema(description = "Row id in the store; `all` lists newest (highest) first and pages by it.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("id") long id,
			@Schema(description = "When the transaction was created:" + TIME,
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("create_time") String createTime,
			@Schema(description = "When the row last changed:" + TIME,
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("update_time") String updateTime,
			@Schema(description = "Global transaction id.") @JsonProperty("gid") String gid,
			@Schema(description = "Mode of the transaction.") @JsonProperty("trans_type") TransType transType,
			@Schema(description = "Current status; `succeed` and `failed` are final.") @JsonProperty("status") GlobalStatus status,
			@Schema(description = "msg: the check-back URL; workflow: the URL the coordinator calls to resume the "
					+ "workflow.") @JsonProperty("query_prepared") String queryPrepared,
			@Schema(description = "How the branches are called: `http`, `json-rpc` or `grpc`.",
					example = "http") @JsonProperty("protocol") String protocol,
			@Schema(description = "When the transaction reached `succeed`:"
					+ TIME) @JsonProperty("finish_time") String finishTime,
			@Schema(description = "When the transaction reached `failed`:"
					+ TIME) @JsonProperty("rollback_time") String rollbackTime,
			@Schema(description = "workflow: the result its client reported (`req_extra.result`).") @JsonProperty("result") String result,
			@Schema(description = "Why it rolled back: abort's `rollback_reason`, a branch's FAILURE answer "
					+ "(`HTTP 409 {...}`), a timeout; at most 1024 characters.") @JsonProperty("rollback_reason") String rollbackReason,
			@Schema(description = "The per-transaction options as dtm stores them: JSON text of `wait_result`, "
					+ "`timeout_to_fail`, `request_timeout`, `retry_interval`, `branch_headers`, `concurrent`, "
					+ "`retry_limit`, `retry_count`, e.g. `{\"timeout_to_fail\":60,\"concurrent\":false}`.") @JsonProperty("options") String options,
			@Schema(description = "The request's `custom_data`, JSON text as sent.") @JsonProperty("custom_data") String customData,
			@Schema(description = "Current retry interval in seconds: the base interval, doubled after each pass "
					+ "that failed.") @JsonProperty("next_cron_interval") long nextCronInterval,
			@Schema(description = "When the cron looks at the transaction next:"
					+ TIME) @JsonProperty("next_cron_time") String nextCronTime,
			@Schema(description = "Token of the processing pass that holds, or last held, the transaction's "
					+ "lease.") @JsonProperty("owner") String owner,
			@Schema(description = "dtm's extra data column, shown as stored.") @JsonProperty("ext_data") String extData,
			@Schema(description = "Always `false` here, as dtm's SQL store shows it; the msg `concurrent` option is "
					+ "in `options`.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("concurrent") boolean concurrent) {

	}

	/**
	 * A branch row as {@code query} ({@code branches}) and {@code prepareWorkflow}
	 * ({@code progresses}) answer it.
	 */
	@Schema(name = "Branch", description = "One branch operation row: what the coordinator calls (or a workflow step "
			+ "its client recorded). Empty fields are omitted, except `id`, `create_time` and `update_time`.")
	public record Branch(
			@Schema(description = "Row id in the store.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("id") long id,
			@Schema(description = "When the row was created:" + TIME,
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("create_time") String createTime,
			@Schema(description = "When the row last changed:" + TIME,
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("update_time") String updateTime,
			@Schema(description = "Global transaction id.") @JsonProperty("gid") String gid,
			@Schema(description = "The URL called for this operation; an empty URL succeeds without a call.") @JsonProperty("url") String url,
			@Schema(description = "The payload sent to the branch, base64 (dtm serialises it as bytes).",
					format = "byte") @JsonProperty("bin_data") String binData,
			@Schema(description = "Branch id: `01`, `02`, ... in step order for saga and msg (`01-01`, ... for "
					+ "topic subscribers), chosen by the client for tcc, xa and workflow.") @JsonProperty("branch_id") String branchId,
			@Schema(description = "Operation: `action`/`compensate` (saga, msg), `confirm`/`cancel` (tcc), "
					+ "`commit`/`rollback` (xa, workflow), `business` (workflow XA marker).") @JsonProperty("op") BranchOp op,
			@Schema(description = "Status of the operation.") @JsonProperty("status") BranchStatus status,
			@Schema(description = "When the operation succeeded:"
					+ TIME) @JsonProperty("finish_time") String finishTime,
			@Schema(description = "When the operation failed:"
					+ TIME) @JsonProperty("rollback_time") String rollbackTime) {

	}

	/**
	 * A row of the KV table, as {@code scanKV} and {@code queryKV} answer it.
	 */
	@Schema(name = "KvRow", description = "A row of dtm's KV table; topics are rows of category `topics`.")
	public record KvRow(
			@Schema(description = "Row id; `scanKV` pages by it in insertion order.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("id") long id,
			@Schema(description = "When the row was created:" + TIME,
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("create_time") String createTime,
			@Schema(description = "When the row last changed:" + TIME,
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("update_time") String updateTime,
			@Schema(description = "Category (`topics` for topics).",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("cat") String cat,
			@Schema(description = "Key (the topic name for topics).",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("k") String k,
			@Schema(description = "Value; for a topic the JSON text of its subscribers, "
					+ "`[{\"url\":...,\"remark\":...}]`.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("v") String v,
			@Schema(description = "Optimistic-lock counter: 1 when created, +1 per change.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("version") long version) {

	}

}
