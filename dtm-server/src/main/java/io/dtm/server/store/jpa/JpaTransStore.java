package io.dtm.server.store.jpa;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.server.store.Branch;
import io.dtm.server.store.DuplicateBranchException;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.KvPage;
import io.dtm.server.store.KvRecord;
import io.dtm.server.store.StatusChange;
import io.dtm.server.store.TransPage;
import io.dtm.server.store.TransQuery;
import io.dtm.server.store.TransStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link TransStore} on Spring Data JPA. Status changes, branch updates, cron touches and
 * leases are single guarded UPDATE statements (no load-modify-save), so the hot path pays
 * one round trip per change and no dirty checking.
 */
public class JpaTransStore implements TransStore {

	private static final Set<GlobalStatus> UNFINISHED = EnumSet.of(GlobalStatus.PREPARED, GlobalStatus.SUBMITTED,
			GlobalStatus.ABORTING);

	private static final int LEASE_CANDIDATES = 8;

	private final TransGlobalRepository globals;

	private final EntityManager entityManager;

	private final TransactionTemplate transactions;

	private final JpaRowMapper mapper;

	private final KvRepository kvs;

	private final JdbcTemplate jdbc;

	private final GuardedUpdates updates;

	private final JdbcTransRows rows;

	private final TransactionTemplate jdbcTransactions;

	public JpaTransStore(TransGlobalRepository globals, KvRepository kvs, EntityManager entityManager,
			PlatformTransactionManager transactionManager, JpaRowMapper mapper, JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.updates = new GuardedUpdates(jdbc);
		this.rows = new JdbcTransRows(jdbc, mapper.options());
		this.jdbcTransactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
		this.globals = globals;
		this.kvs = kvs;
		this.entityManager = entityManager;
		this.transactions = new TransactionTemplate(transactionManager);
		this.mapper = mapper;
	}

	@Override
	public boolean saveNew(GlobalTrans global, List<Branch> newBranches) {
		return saveNewWithBranches(global, newBranches).isPresent();
	}

	/**
	 * One JDBC transaction: the global row, then the branch rows as one batch whose
	 * generated ids come back with it, so the first pass need not read them.
	 */
	@Override
	public Optional<List<Branch>> saveNewWithBranches(GlobalTrans global, List<Branch> newBranches) {
		Optional<List<Branch>> stored;
		try {
			stored = this.jdbcTransactions.execute((status) -> {
				this.rows.insertGlobal(global);
				return this.rows.insertBranches(newBranches);
			});
		}
		catch (RuntimeException ex) {
			if (isConstraintViolation(ex) && this.rows.findGlobal(global.gid()).isPresent()) {
				return Optional.empty();
			}
			throw ex;
		}
		// a driver that reports no id per row: read them
		return Optional
			.of((stored != null && stored.isPresent()) ? stored.get() : this.rows.findBranches(global.gid()));
	}

	@Override
	public Optional<GlobalTrans> find(String gid) {
		return this.rows.findGlobal(gid);
	}

	@Override
	public List<Branch> findBranches(String gid) {
		return this.rows.findBranches(gid);
	}

	@Override
	public boolean changeStatus(StatusChange change) {
		return this.updates.changeStatus(change.gid(), change.from(), change.to(), change.rollbackReason(),
				change.result(), change.now());
	}

	@Override
	public boolean updateBranchStatus(Branch branch, BranchStatus status, GlobalStatus expectedGlobal,
			LocalDateTime now) {
		return this.updates.updateBranch(branch.id(), status, expectedGlobal, now);
	}

	@Override
	public boolean registerBranches(String gid, List<Branch> newBranches, LocalDateTime now) {
		try {
			Boolean registered = this.jdbcTransactions.execute((status) -> {
				if (!this.rows.lockIfStatus(gid, GlobalStatus.PREPARED)) {
					return false;
				}
				this.rows.insertBranches(newBranches);
				return true;
			});
			return Boolean.TRUE.equals(registered);
		}
		catch (RuntimeException ex) {
			if (!isConstraintViolation(ex)) {
				throw ex;
			}
			throw new DuplicateBranchException(gid, newBranches.isEmpty() ? "" : newBranches.get(0).branchId(), ex);
		}
	}

	@Override
	public boolean touchCronTime(String gid, GlobalStatus expected, long intervalSeconds, LocalDateTime nextCronTime,
			LocalDateTime now) {
		return this.updates.touchCron(gid, expected, (int) Math.min(Integer.MAX_VALUE, intervalSeconds), nextCronTime,
				now);
	}

	@Override
	public Optional<GlobalTrans> leaseDue(LocalDateTime now, Duration lease, String owner) {
		List<Long> candidates = new ArrayList<>(
				this.globals.findDueIds(UNFINISHED, now, PageRequest.ofSize(LEASE_CANDIDATES)));
		Collections.shuffle(candidates);
		LocalDateTime until = now.plus(lease);
		for (Long id : candidates) {
			Integer rows = this.transactions.execute((status) -> this.globals.lease(id, UNFINISHED, now, until, owner));
			if (rows != null && rows == 1) {
				return this.globals.findById(id).map(this.mapper::toGlobal);
			}
		}
		return Optional.empty();
	}

	@Override
	public long countDue(LocalDateTime before, int cap) {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM (SELECT 1 FROM trans_global "
						+ "WHERE status IN ('prepared', 'submitted', 'aborting') AND next_cron_time < ? LIMIT ?) due",
				Long.class, before, cap);
		return (count != null) ? count : 0;
	}

	@Override
	public boolean resetNextCronTime(String gid, LocalDateTime now) {
		Integer rows = this.transactions.execute((status) -> this.globals.resetNextCronTime(gid, now));
		return rows != null && rows == 1;
	}

	@Override
	public int resetCronTime(LocalDateTime later, LocalDateTime now, int limit) {
		List<Long> ids = this.globals.findFarFutureIds(UNFINISHED, later, PageRequest.ofSize(limit));
		if (ids.isEmpty()) {
			return 0;
		}
		Integer rows = this.transactions.execute((status) -> this.globals.resetCronTime(ids, UNFINISHED, later, now));
		return (rows != null) ? rows : 0;
	}

	@Override
	public TransPage scan(TransQuery query) {
		Specification<TransGlobalEntity> spec = (root, cq, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (query.position() != null) {
				predicates.add(cb.lessThan(root.get("id"), query.position()));
			}
			if (query.status() != null) {
				predicates.add(cb.equal(root.get("status"), query.status()));
			}
			if (query.transType() != null) {
				predicates.add(cb.equal(root.get("transType"), query.transType()));
			}
			if (query.createTimeStart() != null) {
				predicates.add(cb.greaterThanOrEqualTo(root.get("createTime"), query.createTimeStart()));
			}
			if (query.createTimeEnd() != null) {
				predicates.add(cb.lessThanOrEqualTo(root.get("createTime"), query.createTimeEnd()));
			}
			if (query.gidPrefix() != null && !query.gidPrefix().isEmpty()) {
				predicates.add(cb.like(root.get("gid"), likePrefix(query.gidPrefix()), '\\'));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
		List<TransGlobalEntity> rows = this.globals.findBy(spec,
				(q) -> q.sortBy(Sort.by(Sort.Direction.DESC, "id")).limit(query.limit() + 1).all());
		boolean more = rows.size() > query.limit();
		List<GlobalTrans> page = rows.stream().limit(query.limit()).map(this.mapper::toGlobal).toList();
		String next = (more && !page.isEmpty()) ? String.valueOf(page.get(page.size() - 1).id()) : "";
		return new TransPage(page, next);
	}

	private static String likePrefix(String prefix) {
		return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	@Override
	public Map<GlobalStatus, Long> countByStatus() {
		Map<GlobalStatus, Long> counts = new EnumMap<>(GlobalStatus.class);
		for (Object[] row : this.globals.countByStatus()) {
			counts.merge((GlobalStatus) row[0], ((Number) row[1]).longValue(), Long::sum);
		}
		return counts;
	}

	private static boolean isConstraintViolation(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataIntegrityViolationException
					|| cause instanceof org.hibernate.exception.ConstraintViolationException
					|| cause instanceof SQLIntegrityConstraintViolationException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void ping() {
		this.transactions.execute((status) -> this.entityManager.createNativeQuery("select 1").getSingleResult());
	}

	@Override
	public Optional<KvRecord> findKv(String cat, String key) {
		return this.kvs.findByCatAndK(cat, key).map(JpaTransStore::toKv);
	}

	@Override
	public KvPage scanKv(String cat, Long position, int limit) {
		List<KvEntity> rows = this.kvs.scan(cat, (position != null) ? position : 0, PageRequest.ofSize(limit + 1));
		boolean more = rows.size() > limit;
		List<KvRecord> page = rows.stream().limit(limit).map(JpaTransStore::toKv).toList();
		String next = (more && !page.isEmpty()) ? String.valueOf(page.get(page.size() - 1).id()) : "";
		return new KvPage(page, next);
	}

	@Override
	public boolean createKv(String cat, String key, String value, LocalDateTime now) {
		KvEntity entity = new KvEntity();
		entity.cat = cat;
		entity.k = key;
		entity.v = value;
		entity.version = 1L;
		entity.createTime = now;
		entity.updateTime = now;
		try {
			this.transactions.executeWithoutResult((status) -> this.entityManager.persist(entity));
			return true;
		}
		catch (RuntimeException ex) {
			if (isConstraintViolation(ex)) {
				return false;
			}
			throw ex;
		}
	}

	@Override
	public boolean updateKv(String cat, String key, String value, long expectedVersion, LocalDateTime now) {
		Integer rows = this.transactions.execute((status) -> this.kvs.update(cat, key, value, expectedVersion, now));
		return rows != null && rows == 1;
	}

	@Override
	public boolean deleteKv(String cat, String key) {
		Integer rows = this.transactions.execute((status) -> this.kvs.delete(cat, key));
		return rows != null && rows > 0;
	}

	private static KvRecord toKv(KvEntity e) {
		return new KvRecord(e.id, e.cat, e.k, e.v, (e.version != null) ? e.version : 1, e.createTime, e.updateTime);
	}

}
