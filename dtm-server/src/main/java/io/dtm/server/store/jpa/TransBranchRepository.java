package io.dtm.server.store.jpa;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Queries on {@code trans_branch_op}.
 */
interface TransBranchRepository extends JpaRepository<TransBranchEntity, Long> {

	List<TransBranchEntity> findByGidOrderByIdAsc(String gid);

}
