package io.dtm.server.store.jpa;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Queries on {@code kv}; updates are version-guarded.
 */
interface KvRepository extends JpaRepository<KvEntity, Long> {

	Optional<KvEntity> findByCatAndK(String cat, String k);

	@Query("select e from KvEntity e where e.cat = :cat and e.id > :after order by e.id")
	List<KvEntity> scan(@Param("cat") String cat, @Param("after") long after, Pageable page);

	@Modifying
	@Query("""
			update KvEntity e set e.v = :value, e.version = e.version + 1, e.updateTime = :now
			where e.cat = :cat and e.k = :key and e.version = :version""")
	int update(@Param("cat") String cat, @Param("key") String key, @Param("value") String value,
			@Param("version") long version, @Param("now") LocalDateTime now);

	@Modifying
	@Query("delete from KvEntity e where e.cat = :cat and e.k = :key")
	int delete(@Param("cat") String cat, @Param("key") String key);

}
