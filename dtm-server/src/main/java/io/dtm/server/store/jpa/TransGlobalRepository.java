package io.dtm.server.store.jpa;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.dtm.core.GlobalStatus;
import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries on {@code trans_global}. Every update is a single guarded statement.
 */
interface TransGlobalRepository
		extends JpaRepository<TransGlobalEntity, Long>, JpaSpecificationExecutor<TransGlobalEntity> {

	Optional<TransGlobalEntity> findByGid(String gid);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select g from TransGlobalEntity g where g.gid = :gid and g.status = :status")
	Optional<TransGlobalEntity> lockByGidAndStatus(@Param("gid") String gid, @Param("status") GlobalStatus status);

	/*
	 * The hot-path updates below are native SQL (portable across MySQL/MariaDB and H2 in
	 * MySQL mode): Hibernate re-translates JPQL DML on every execution, native statements
	 * are sent as they are. Status values are the wire strings.
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			UPDATE trans_global SET status = :to, update_time = :now,
			  finish_time = CASE WHEN :finished THEN :now ELSE finish_time END,
			  rollback_time = CASE WHEN :rolledBack THEN :now ELSE rollback_time END,
			  rollback_reason = COALESCE(:reason, rollback_reason)
			WHERE gid = :gid AND status = :from""")
	int changeStatus(@Param("gid") String gid, @Param("from") String from, @Param("to") String to,
			@Param("reason") String reason, @Param("finished") boolean finished,
			@Param("rolledBack") boolean rolledBack, @Param("now") LocalDateTime now);

	@Modifying
	@Query(nativeQuery = true, value = """
			UPDATE trans_global SET next_cron_interval = :interval, next_cron_time = :next, update_time = :now
			WHERE gid = :gid AND status = :status""")
	int touchCronTime(@Param("gid") String gid, @Param("status") String status, @Param("interval") int interval,
			@Param("next") LocalDateTime next, @Param("now") LocalDateTime now);

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
			where g.gid = :gid and g.status in :statuses""")
	int resetNextCronTime(@Param("gid") String gid, @Param("statuses") Collection<GlobalStatus> statuses,
			@Param("now") LocalDateTime now);

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
