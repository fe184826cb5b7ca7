package io.dtm.core;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Per-transaction options, persisted as the JSON text of {@code trans_global.options}
 * exactly as dtm writes it (every field omitted when zero, except {@code concurrent}).
 * Time values are in seconds; zero means "use the coordinator default".
 *
 * @param waitResult whether the submit call waited for the result
 * @param timeoutToFail timeout in seconds
 * @param requestTimeout branch call timeout in seconds
 * @param retryInterval base retry interval in seconds
 * @param branchHeaders extra headers on every branch call
 * @param concurrent msg only: call steps in parallel
 * @param retryLimit saga only: immediate re-runs allowed for an action
 * @param retryCount counter paired with the retry limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransOptions(
		@JsonProperty("wait_result") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean waitResult,
		@JsonProperty("timeout_to_fail") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long timeoutToFail,
		@JsonProperty("request_timeout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long requestTimeout,
		@JsonProperty("retry_interval") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long retryInterval,
		@JsonProperty("branch_headers") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> branchHeaders,
		@JsonProperty("concurrent") boolean concurrent,
		@JsonProperty("retry_limit") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long retryLimit,
		@JsonProperty("retry_count") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long retryCount) {

	/** Options with every field unset. */
	public static final TransOptions NONE = new TransOptions(false, 0, 0, 0, Map.of(), false, 0, 0);

	public TransOptions {
		branchHeaders = (branchHeaders != null) ? Map.copyOf(branchHeaders) : Map.of();
	}

}
