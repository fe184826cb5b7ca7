package io.dtm.server.store;

import java.time.LocalDateTime;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;

/**
 * Snapshot of one {@code trans_global} row. Times are wall-clock times in the
 * coordinator's zone, truncated to seconds, as dtm stores them.
 *
 * @param id row id, {@code 0} before insertion
 * @param gid global id
 * @param transType mode
 * @param status status
 * @param queryPrepared msg check-back URL
 * @param protocol branch protocol
 * @param createTime creation time
 * @param updateTime last update
 * @param finishTime succeed time
 * @param rollbackTime failed time
 * @param options options
 * @param customData custom data JSON text
 * @param nextCronInterval current retry interval in seconds
 * @param nextCronTime next time the cron looks at it
 * @param owner lease owner
 * @param extData extra data
 * @param result workflow result
 * @param rollbackReason why it rolled back
 */
public record GlobalTrans(long id, String gid, TransType transType, GlobalStatus status, String queryPrepared,
		String protocol, LocalDateTime createTime, LocalDateTime updateTime, LocalDateTime finishTime,
		LocalDateTime rollbackTime, TransOptions options, String customData, long nextCronInterval,
		LocalDateTime nextCronTime, String owner, String extData, String result, String rollbackReason) {

	/**
	 * A copy with another status.
	 * @param newStatus the status
	 * @return the copy
	 */
	public GlobalTrans withStatus(GlobalStatus newStatus) {
		return new GlobalTrans(this.id, this.gid, this.transType, newStatus, this.queryPrepared, this.protocol,
				this.createTime, this.updateTime, this.finishTime, this.rollbackTime, this.options, this.customData,
				this.nextCronInterval, this.nextCronTime, this.owner, this.extData, this.result, this.rollbackReason);
	}

	/**
	 * A copy with another rollback reason.
	 * @param reason the reason
	 * @return the copy
	 */
	public GlobalTrans withRollbackReason(String reason) {
		return new GlobalTrans(this.id, this.gid, this.transType, this.status, this.queryPrepared, this.protocol,
				this.createTime, this.updateTime, this.finishTime, this.rollbackTime, this.options, this.customData,
				this.nextCronInterval, this.nextCronTime, this.owner, this.extData, this.result, reason);
	}

	/**
	 * A copy with another result.
	 * @param newResult the result
	 * @return the copy
	 */
	public GlobalTrans withResult(String newResult) {
		return new GlobalTrans(this.id, this.gid, this.transType, this.status, this.queryPrepared, this.protocol,
				this.createTime, this.updateTime, this.finishTime, this.rollbackTime, this.options, this.customData,
				this.nextCronInterval, this.nextCronTime, this.owner, this.extData, newResult, this.rollbackReason);
	}

}
