package io.dtm.server.store.jpa;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

import io.dtm.core.GlobalStatus;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries on {@code trans_global}. Every update is a single guarded statement.
 */
interface TransGlobalRepository
		extends JpaRepository<TransGlobalEntity, Long>, JpaSpecificationExecutor<TransGlobalEntity> {

	@Query("select g.status, count(g) from TransGlobalEntity g group by g.status")
	List<Object[]> countByStatus();

	@Query("""
			select g.id from TransGlobalEntity g
			where g.status in :statuses and g.nextCronTime <= :now order by g.nextCronTime""")
	List<Long> findDueIds(@Param("statuses") Collection<GlobalStatus> statuses, @Param("now") LocalDateTime now,
			Pageable page);

	@Modifying
	@Query("""
			update TransGlobalEntity g set g.nextCronTime = :until, g.owner = :owner, g.updateTime = :now
			where g.id = :id and g.status in :statuses and g.nextCronTime <= :now""")
	int lease(@Param("id") long id, @Param("statuses") Collection<GlobalStatus> statuses,
			@Param("now") LocalDateTime now, @Param("until") LocalDateTime until, @Param("owner") String owner);

	@Modifying
	@Query("""
			update TransGlobalEntity g set g.nextCronTime = :now, g.updateTime = :now
			where g.gid = :gid""")
	int resetNextCronTime(@Param("gid") String gid, @Param("now") LocalDateTime now);

	@Query("""
			select g.id from TransGlobalEntity g
			where g.status in :statuses and g.nextCronTime > :later order by g.id""")
	List<Long> findFarFutureIds(@Param("statuses") Collection<GlobalStatus> statuses,
			@Param("later") LocalDateTime later, Pageable page);

	@Modifying
	@Query("""
			update TransGlobalEntity g set g.nextCronTime = :now, g.updateTime = :now
			where g.id in :ids and g.status in :statuses and g.nextCronTime > :later""")
	int resetCronTime(@Param("ids") Collection<Long> ids, @Param("statuses") Collection<GlobalStatus> statuses,
			@Param("later") LocalDateTime later, @Param("now") LocalDateTime now);

}
