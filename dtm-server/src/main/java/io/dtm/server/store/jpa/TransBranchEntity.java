package io.dtm.server.store.jpa;

import java.time.LocalDateTime;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of dtm's {@code trans_branch_op} table.
 */
@Entity
@Table(name = "trans_branch_op")
class TransBranchEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	Long id;

	@Column(name = "gid", nullable = false, length = 128)
	String gid;

	@Column(name = "url", nullable = false, length = 1024)
	String url;

	@Column(name = "bin_data")
	byte[] binData;

	@Column(name = "branch_id", nullable = false, length = 128)
	String branchId;

	@Convert(converter = WireEnumConverters.BranchOpConverter.class)
	@Column(name = "op", nullable = false, length = 45)
	BranchOp op;

	@Convert(converter = WireEnumConverters.BranchStatusConverter.class)
	@Column(name = "status", nullable = false, length = 45)
	BranchStatus status;

	@Column(name = "finish_time")
	LocalDateTime finishTime;

	@Column(name = "rollback_time")
	LocalDateTime rollbackTime;

	@Column(name = "create_time")
	LocalDateTime createTime;

	@Column(name = "update_time")
	LocalDateTime updateTime;

}
