package io.dtm.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A global transaction as {@code query} and {@code all} return it. Field names are dtm's;
 * times are RFC 3339 strings with a zone offset. Empty fields are omitted except
 * {@code id}, {@code create_time}, {@code update_time} and {@code concurrent}, as in dtm.
 *
 * @param id row id
 * @param createTime creation time
 * @param updateTime last update time
 * @param gid global id
 * @param transType mode
 * @param status current status
 * @param queryPrepared msg check-back URL
 * @param protocol branch protocol
 * @param finishTime when it succeeded
 * @param rollbackTime when it failed
 * @param result workflow result
 * @param rollbackReason why it rolled back
 * @param options options JSON text
 * @param customData custom data JSON text
 * @param nextCronInterval current retry interval in seconds
 * @param nextCronTime when the cron looks at it next
 * @param owner lease owner of the last cron pass
 * @param extData extra data
 * @param concurrent msg concurrency flag (always present)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GlobalTransactionView(@JsonProperty("id") @JsonInclude(JsonInclude.Include.ALWAYS) long id,
		@JsonProperty("create_time") @JsonInclude(JsonInclude.Include.ALWAYS) String createTime,
		@JsonProperty("update_time") @JsonInclude(JsonInclude.Include.ALWAYS) String updateTime,
		@JsonProperty("gid") String gid, @JsonProperty("trans_type") String transType,
		@JsonProperty("status") String status, @JsonProperty("query_prepared") String queryPrepared,
		@JsonProperty("protocol") String protocol, @JsonProperty("finish_time") String finishTime,
		@JsonProperty("rollback_time") String rollbackTime, @JsonProperty("result") String result,
		@JsonProperty("rollback_reason") String rollbackReason, @JsonProperty("options") String options,
		@JsonProperty("custom_data") String customData,
		@JsonProperty("next_cron_interval") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long nextCronInterval,
		@JsonProperty("next_cron_time") String nextCronTime, @JsonProperty("owner") String owner,
		@JsonProperty("ext_data") String extData,
		@JsonProperty("concurrent") @JsonInclude(JsonInclude.Include.ALWAYS) boolean concurrent) {

}
