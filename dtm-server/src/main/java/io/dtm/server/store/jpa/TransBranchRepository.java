package io.dtm.server.store.jpa;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries on {@code trans_branch_op}.
 */
interface TransBranchRepository extends JpaRepository<TransBranchEntity, Long> {

	List<TransBranchEntity> findByGidOrderByIdAsc(String gid);

	/**
	 * Update one branch row, only while its global transaction has the expected status
	 * (native SQL: no per-call JPQL translation on the hot path).
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			UPDATE trans_branch_op SET status = :status, update_time = :now,
			  finish_time = CASE WHEN :finished THEN :now ELSE finish_time END,
			  rollback_time = CASE WHEN :rolledBack THEN :now ELSE rollback_time END
			WHERE id = :id AND EXISTS (
			  SELECT 1 FROM trans_global g WHERE g.gid = trans_branch_op.gid AND g.status = :globalStatus)""")
	int updateStatus(@Param("id") long id, @Param("status") String status, @Param("globalStatus") String globalStatus,
			@Param("finished") boolean finished, @Param("rolledBack") boolean rolledBack,
			@Param("now") LocalDateTime now);

}
