package io.dtm.server.api.openapi;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dtm.server.api.openapi.ApiRecords.Branch;
import io.dtm.server.api.openapi.ApiRecords.KvRow;
import io.dtm.server.api.openapi.ApiRecords.Transaction;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * Documentation-only schemas of the answers: dtm's envelope ({@code dtm_result},
 * {@code message}) and the objects the read endpoints answer. The controllers build these
 * bodies as maps; the protocol tests check the bodies themselves.
 */
public final class ApiAnswers {

	private static final String NEXT_POSITION = "Pass it back as `position` for the next page; `\"\"` on the last "
			+ "page.";

	private ApiAnswers() {
	}

	/**
	 * 200 of an action endpoint.
	 */
	@Schema(name = "Success", description = "The answer of an action that was done.")
	public record Success(
			@Schema(description = "Always `SUCCESS` (dtmcli-java checks it; the status code is the " + "contract).",
					requiredMode = RequiredMode.REQUIRED,
					allowableValues = "SUCCESS") @JsonProperty("dtm_result") String dtmResult) {

	}

	/**
	 * 400, 413, 500, 503 and the security refusals.
	 */
	@Schema(name = "ErrorMessage", description = "dtm's error envelope: an error that is neither FAILURE nor ONGOING.")
	public record ErrorMessage(
			@Schema(description = "What went wrong; for bad input it names the field and the rule.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("message") String message,
			@Schema(description = "Only when the store failed: the diagnostic code of a SQL store or a Redis failure, "
					+ "see docs/errors.md; the message then holds its cause and action, never SQL or a "
					+ "stack trace.") @JsonProperty("code") String code) {

	}

	/**
	 * 409.
	 */
	@Schema(name = "Failure", description = "The request conflicts with the stored state, or a `wait_result` pass did "
			+ "not end in success.")
	public record Failure(
			@Schema(description = "Always `FAILURE`.", requiredMode = RequiredMode.REQUIRED,
					allowableValues = "FAILURE") @JsonProperty("dtm_result") String dtmResult,
			@Schema(description = "Why, e.g. `current status 'succeed', cannot sumbmit` (spelled as in dtm).",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("message") String message) {

	}

	/**
	 * 425.
	 */
	@Schema(name = "Ongoing", description = "The transaction is not finished yet; ask again later.")
	public record Ongoing(
			@Schema(description = "Always `ONGOING`.", requiredMode = RequiredMode.REQUIRED,
					allowableValues = "ONGOING") @JsonProperty("dtm_result") String dtmResult,
			@Schema(description = "Why, e.g. `transaction is being processed` or the branch's answer "
					+ "(`HTTP 425 {}`).",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("message") String message) {

	}

	/**
	 * {@code newGid}.
	 */
	@Schema(name = "NewGid", description = "A new gid.")
	public record NewGid(
			@Schema(description = "A unique gid: 22 base-62 characters.", requiredMode = RequiredMode.REQUIRED,
					example = "4mJ8qB9tYbHkVYpXsW2Zr7") @JsonProperty("gid") String gid,
			@Schema(description = "Always `SUCCESS` (dtmcli-java reads it).", requiredMode = RequiredMode.REQUIRED,
					allowableValues = "SUCCESS") @JsonProperty("dtm_result") String dtmResult) {

	}

	/**
	 * {@code version}.
	 */
	@Schema(name = "Version", description = "The coordinator's version.")
	public record Version(@Schema(description = "`dtm.server.version`: the dtm version this server answers as.",
			requiredMode = RequiredMode.REQUIRED, example = "v1.19.0-java") @JsonProperty("version") String version) {

	}

	/**
	 * {@code prepareWorkflow}.
	 */
	@Schema(name = "WorkflowProgress", description = "A workflow and the steps its client recorded.")
	public record WorkflowProgress(
			@Schema(description = "The workflow as stored.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("transaction") Transaction transaction,
			@Schema(description = "Every step recorded with `registerBranch`, in order; empty for a new workflow.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("progresses") List<Branch> progresses) {

	}

	/**
	 * {@code resetCronTime}.
	 */
	@Schema(name = "ResetCronTime", description = "What `resetCronTime` changed.")
	public record ResetCronTime(
			@Schema(description = "`true` when `limit` was reached, so more transactions may be due for a reset; "
					+ "call again.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("has_remaining") boolean hasRemaining,
			@Schema(description = "How many transactions were made due now.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("succeed_count") long succeedCount) {

	}

	/**
	 * {@code query}.
	 */
	@Schema(name = "Query", description = "One transaction with its branches.")
	public record Query(
			@Schema(description = "The transaction; `null` for an unknown gid.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("transaction") Transaction transaction,
			@Schema(description = "Its branch rows in storage order (saga: `compensate` before `action` per step; "
					+ "tcc: `cancel` before `confirm`; xa: `rollback` before `commit`); empty for an unknown gid.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("branches") List<Branch> branches) {

	}

	/**
	 * {@code all}.
	 */
	@Schema(name = "TransactionPage", description = "A page of transactions, newest first.")
	public record TransactionPage(
			@Schema(description = "The transactions of this page; with `gid` the one transaction or none.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("transactions") List<Transaction> transactions,
			@Schema(description = NEXT_POSITION,
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("next_position") String nextPosition) {

	}

	/**
	 * {@code scanKV}.
	 */
	@Schema(name = "KvPage", description = "A page of KV rows of one category, in insertion order.")
	public record KvPage(
			@Schema(description = "The rows of this page.",
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("kv") List<KvRow> kv,
			@Schema(description = NEXT_POSITION,
					requiredMode = RequiredMode.REQUIRED) @JsonProperty("next_position") String nextPosition) {

	}

	/**
	 * {@code queryKV}.
	 */
	@Schema(name = "KvLookup", description = "One KV row, as a list.")
	public record KvLookup(@Schema(description = "The row, or an empty list when there is none.",
			requiredMode = RequiredMode.REQUIRED) @JsonProperty("kv") List<KvRow> kv) {

	}

	/**
	 * {@code /api/ping}.
	 */
	@Schema(name = "Pong", description = "The answer of `/api/ping`.")
	public record Pong(@Schema(description = "Always `pong`.", requiredMode = RequiredMode.REQUIRED,
			allowableValues = "pong") @JsonProperty("msg") String msg) {

	}

	/**
	 * {@code /api/health}.
	 */
	@Schema(name = "Health", description = "Whether the store answers.")
	public record Health(
			@Schema(description = "`success` when the store answered, `failure` otherwise.",
					requiredMode = RequiredMode.REQUIRED, allowableValues = {
							"success", "failure" }) @JsonProperty("result") String result,
			@Schema(description = "Only on failure: the diagnostic code of a SQL store or a Redis failure, see "
					+ "docs/errors.md.") @JsonProperty("code") String code,
			@Schema(description = "Only on failure: `store is not reachable: ` and the diagnosis with its cause and "
					+ "action.") @JsonProperty("message") String message){

	}

}
