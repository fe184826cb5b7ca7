package io.dtm.server.store.jpa;

import java.time.LocalDateTime;
import java.util.List;

import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries on {@code trans_branch_op}.
 */
interface TransBranchRepository extends JpaRepository<TransBranchEntity, Long> {

	List<TransBranchEntity> findByGidOrderByIdAsc(String gid);

	@Modifying
	@Query("""
			update TransBranchEntity b set b.status = :status, b.updateTime = :now,
			  b.finishTime = case when :finished = true then :now else b.finishTime end,
			  b.rollbackTime = case when :rolledBack = true then :now else b.rollbackTime end
			where b.id = :id and exists (
			  select 1 from TransGlobalEntity g where g.gid = b.gid and g.status = :globalStatus)""")
	int updateStatus(@Param("id") long id, @Param("status") BranchStatus status,
			@Param("globalStatus") GlobalStatus globalStatus, @Param("finished") boolean finished,
			@Param("rolledBack") boolean rolledBack, @Param("now") LocalDateTime now);

}
