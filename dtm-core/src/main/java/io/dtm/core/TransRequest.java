package io.dtm.core;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code prepare}, {@code submit}, {@code abort}, {@code forceStop} and
 * {@code resetNextCronTime}. Unknown fields (for example {@code subType} and
 * {@code passthrough_headers} sent by dtmcli-java) are ignored, and zero-valued options
 * mean "unset", as in dtm.
 *
 * @param gid global transaction id
 * @param transType mode as its wire string; validated by the coordinator
 * @param steps saga {@code {"action","compensate"}} or msg {@code {"action"}} maps
 * @param payloads body of step i; empty means the branch is called with GET and no body
 * @param customData JSON text: saga {@code concurrent}/{@code orders}, msg {@code delay}
 * @param queryPrepared msg check-back URL
 * @param protocol {@code http} (the default when empty)
 * @param waitResult whether submit/abort process the transaction before answering
 * @param timeoutToFail per-transaction timeout in seconds
 * @param requestTimeout per-transaction branch call timeout in seconds
 * @param retryInterval per-transaction base retry interval in seconds
 * @param branchHeaders extra headers sent on every branch call
 * @param concurrent msg only: call every step in parallel
 * @param retryLimit saga only: immediate re-runs of an action with an unknown outcome
 * @param retryCount counter paired with retry limit (normally not sent)
 * @param rollbackReason abort: why the transaction is rolled back
 * @param reqExtra workflow extras
 * @param binPayloads the step payloads as bytes, as dtm's gRPC API receives them (never
 * on the JSON wire; when set, they are used instead of {@code payloads})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record TransRequest(@JsonProperty("gid") String gid, @JsonProperty("trans_type") String transType,
		@JsonProperty("steps") List<Map<String, String>> steps, @JsonProperty("payloads") List<String> payloads,
		@JsonProperty("custom_data") String customData, @JsonProperty("query_prepared") String queryPrepared,
		@JsonProperty("protocol") String protocol, @JsonProperty("wait_result") boolean waitResult,
		@JsonProperty("timeout_to_fail") long timeoutToFail, @JsonProperty("request_timeout") long requestTimeout,
		@JsonProperty("retry_interval") long retryInterval,
		@JsonProperty("branch_headers") Map<String, String> branchHeaders,
		@JsonProperty("concurrent") boolean concurrent, @JsonProperty("retry_limit") long retryLimit,
		@JsonProperty("retry_count") long retryCount, @JsonProperty("rollback_reason") String rollbackReason,
		@JsonProperty("req_extra") Map<String, String> reqExtra, @JsonIgnore List<byte[]> binPayloads) {

	/**
	 * A request as the JSON wire carries it: without binary payloads.
	 * @param gid global transaction id
	 * @param transType mode
	 * @param steps step maps
	 * @param payloads step payloads
	 * @param customData custom data
	 * @param queryPrepared msg check-back URL
	 * @param protocol protocol
	 * @param waitResult wait for the outcome
	 * @param timeoutToFail timeout in seconds
	 * @param requestTimeout branch call timeout in seconds
	 * @param retryInterval retry interval in seconds
	 * @param branchHeaders headers of branch calls
	 * @param concurrent msg: call the steps in parallel
	 * @param retryLimit saga: immediate re-runs
	 * @param retryCount retry counter
	 * @param rollbackReason abort reason
	 * @param reqExtra workflow extras
	 */
	public TransRequest(String gid, String transType, List<Map<String, String>> steps, List<String> payloads,
			String customData, String queryPrepared, String protocol, boolean waitResult, long timeoutToFail,
			long requestTimeout, long retryInterval, Map<String, String> branchHeaders, boolean concurrent,
			long retryLimit, long retryCount, String rollbackReason, Map<String, String> reqExtra) {
		this(gid, transType, steps, payloads, customData, queryPrepared, protocol, waitResult, timeoutToFail,
				requestTimeout, retryInterval, branchHeaders, concurrent, retryLimit, retryCount, rollbackReason,
				reqExtra, null);
	}

	/**
	 * The options that are persisted with the transaction.
	 * @return the options
	 */
	public TransOptions options() {
		return new TransOptions(this.waitResult, this.timeoutToFail, this.requestTimeout, this.retryInterval,
				this.branchHeaders, this.concurrent, this.retryLimit, this.retryCount);
	}

	/**
	 * This request with another gid.
	 * @param newGid the gid
	 * @return a copy with {@code newGid}
	 */
	public TransRequest withGid(String newGid) {
		return new TransRequest(newGid, this.transType, this.steps, this.payloads, this.customData, this.queryPrepared,
				this.protocol, this.waitResult, this.timeoutToFail, this.requestTimeout, this.retryInterval,
				this.branchHeaders, this.concurrent, this.retryLimit, this.retryCount, this.rollbackReason,
				this.reqExtra, this.binPayloads);
	}

}
