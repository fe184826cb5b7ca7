package io.dtm.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A branch operation row as {@code query} returns it. {@code bin_data} is the payload in
 * base64, because dtm serialises it as a byte array.
 *
 * @param id row id
 * @param createTime creation time
 * @param updateTime last update time
 * @param gid global id
 * @param url branch URL
 * @param binData payload, base64
 * @param branchId branch id
 * @param op operation
 * @param status status
 * @param finishTime when it succeeded
 * @param rollbackTime when it failed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BranchView(@JsonProperty("id") @JsonInclude(JsonInclude.Include.ALWAYS) long id,
		@JsonProperty("create_time") @JsonInclude(JsonInclude.Include.ALWAYS) String createTime,
		@JsonProperty("update_time") @JsonInclude(JsonInclude.Include.ALWAYS) String updateTime,
		@JsonProperty("gid") String gid, @JsonProperty("url") String url, @JsonProperty("bin_data") String binData,
		@JsonProperty("branch_id") String branchId, @JsonProperty("op") String op,
		@JsonProperty("status") String status, @JsonProperty("finish_time") String finishTime,
		@JsonProperty("rollback_time") String rollbackTime) {

}
