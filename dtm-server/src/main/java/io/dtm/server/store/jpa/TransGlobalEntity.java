package io.dtm.server.store.jpa;

import java.time.LocalDateTime;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of dtm's {@code trans_global} table.
 */
@Entity
@Table(name = "trans_global")
class TransGlobalEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	Long id;

	@Column(name = "gid", nullable = false, length = 128)
	String gid;

	@Convert(converter = WireEnumConverters.TransTypeConverter.class)
	@Column(name = "trans_type", nullable = false, length = 45)
	TransType transType;

	@Convert(converter = WireEnumConverters.GlobalStatusConverter.class)
	@Column(name = "status", nullable = false, length = 12)
	GlobalStatus status;

	@Column(name = "query_prepared", nullable = false, length = 1024)
	String queryPrepared;

	@Column(name = "protocol", nullable = false, length = 45)
	String protocol;

	@Column(name = "create_time")
	LocalDateTime createTime;

	@Column(name = "update_time")
	LocalDateTime updateTime;

	@Column(name = "finish_time")
	LocalDateTime finishTime;

	@Column(name = "rollback_time")
	LocalDateTime rollbackTime;

	@Column(name = "options", length = 1024)
	String options;

	@Column(name = "custom_data", length = 1024)
	String customData;

	@Column(name = "next_cron_interval")
	Integer nextCronInterval;

	@Column(name = "next_cron_time")
	LocalDateTime nextCronTime;

	@Column(name = "owner", nullable = false, length = 128)
	String owner;

	@Column(name = "ext_data")
	String extData;

	@Column(name = "result", length = 1024)
	String result;

	@Column(name = "rollback_reason", length = 1024)
	String rollbackReason;

}
