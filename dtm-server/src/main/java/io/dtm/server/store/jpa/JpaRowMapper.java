package io.dtm.server.store.jpa;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.OptionsCodec;

/**
 * Maps between the JPA rows and the store records, including the {@code options} JSON
 * column.
 */
public class JpaRowMapper {

	private final OptionsCodec options;

	public JpaRowMapper(OptionsCodec options) {
		this.options = options;
	}

	OptionsCodec options() {
		return this.options;
	}

	TransGlobalEntity toEntity(GlobalTrans global) {
		TransGlobalEntity entity = new TransGlobalEntity();
		entity.gid = global.gid();
		entity.transType = global.transType();
		entity.status = global.status();
		entity.queryPrepared = nullToEmpty(global.queryPrepared());
		entity.protocol = nullToEmpty(global.protocol());
		entity.createTime = seconds(global.createTime());
		entity.updateTime = global.updateTime();
		entity.finishTime = global.finishTime();
		entity.rollbackTime = global.rollbackTime();
		entity.options = this.options.write(global.options());
		entity.customData = nullToEmpty(global.customData());
		entity.nextCronInterval = (int) global.nextCronInterval();
		entity.nextCronTime = global.nextCronTime();
		entity.owner = nullToEmpty(global.owner());
		entity.extData = nullToEmpty(global.extData());
		entity.result = nullToEmpty(global.result());
		entity.rollbackReason = nullToEmpty(global.rollbackReason());
		return entity;
	}

	GlobalTrans toGlobal(TransGlobalEntity e) {
		return new GlobalTrans(e.id, e.gid, e.transType, e.status, e.queryPrepared, e.protocol, e.createTime,
				e.updateTime, e.finishTime, e.rollbackTime, this.options.read(e.options), e.customData,
				(e.nextCronInterval != null) ? e.nextCronInterval : 0, e.nextCronTime, e.owner, e.extData, e.result,
				e.rollbackReason);
	}

	TransBranchEntity toEntity(Branch branch) {
		TransBranchEntity entity = new TransBranchEntity();
		entity.gid = branch.gid();
		entity.url = nullToEmpty(branch.url());
		entity.binData = branch.binData();
		entity.branchId = branch.branchId();
		entity.op = branch.op();
		entity.status = branch.status();
		entity.createTime = branch.createTime();
		entity.updateTime = branch.updateTime();
		entity.finishTime = branch.finishTime();
		entity.rollbackTime = branch.rollbackTime();
		return entity;
	}

	Branch toBranch(TransBranchEntity e) {
		return new Branch(e.id, e.gid, e.url, e.binData, e.branchId, e.op, e.status, e.createTime, e.updateTime,
				e.finishTime, e.rollbackTime);
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

	private static LocalDateTime seconds(LocalDateTime time) {
		return (time != null) ? time.truncatedTo(ChronoUnit.SECONDS) : null;
	}

}
