package io.dtm.client.barrier;

import java.time.Duration;

import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.dtm.client.DtmFailure;
import io.dtm.client.Msg;
import io.dtm.core.BranchOp;
import io.dtm.core.TransType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * The sub-transaction barrier on a relational database, run inside Spring's transaction
 * management: the barrier rows are written with a {@link JdbcTemplate} on the same
 * {@link DataSource} as the business work, in the transaction of the given
 * {@link PlatformTransactionManager} ({@code PROPAGATION_REQUIRED}). Inside an outer
 * {@code @Transactional} method the barrier joins it, so the barrier row and the business
 * rows commit or roll back together. Thread-safe.
 * <p>
 * The algorithm is dtm's: insert-if-absent the origin row (for cancel, compensate and
 * rollback), insert-if-absent the current row, then
 * <ul>
 * <li>a rollback-type op whose origin row was new: null compensation, skip the work;</li>
 * <li>a current row that existed: duplicate or hanging request, skip the work;</li>
 * <li>otherwise run the work; an exception rolls work and rows back.</li>
 * </ul>
 * Concurrent try and cancel are serialised by the table's unique key.
 */
public class JdbcBarrier {

	private static final Logger logger = LoggerFactory.getLogger(JdbcBarrier.class);

	/** Default table name: a table in the data source's default schema. */
	public static final String DEFAULT_TABLE_NAME = "dtm_barrier";

	private final DataSource dataSource;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactionTemplate;

	private final String tableName;

	private volatile BarrierDialect dialect;

	/**
	 * Create a barrier.
	 * @param dataSource the business data source, which holds the barrier table
	 * @param transactionManager the transaction manager of that data source (a
	 * {@code DataSourceTransactionManager}, {@code JpaTransactionManager}…)
	 * @param dialect the dialect, or {@code null} to detect it on first use
	 * @param tableName the barrier table, optionally {@code schema.table}
	 */
	public JdbcBarrier(DataSource dataSource, PlatformTransactionManager transactionManager, BarrierDialect dialect,
			String tableName) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		Assert.notNull(transactionManager, "'transactionManager' must not be null");
		this.dataSource = dataSource;
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.transactionTemplate = new TransactionTemplate(transactionManager);
		this.dialect = dialect;
		this.tableName = BarrierSchema.checkName(tableName);
	}

	/**
	 * A barrier with a {@link DataSourceTransactionManager}, a detected dialect and the
	 * default table name.
	 * @param dataSource the data source
	 * @return the barrier
	 */
	public static JdbcBarrier create(DataSource dataSource) {
		return new JdbcBarrier(dataSource, new DataSourceTransactionManager(dataSource), null, DEFAULT_TABLE_NAME);
	}

	/**
	 * Run business work behind the barrier.
	 * @param barrier the branch call's barrier; its barrier id advances by one
	 * @param action the work
	 * @return what happened: the work ran, or why it was skipped
	 */
	public BarrierOutcome call(BranchBarrier barrier, BarrierAction action) {
		Assert.notNull(barrier, "'barrier' must not be null");
		Assert.notNull(action, "'action' must not be null");
		String barrierId = barrier.nextBarrierId();
		BarrierOutcome outcome = this.transactionTemplate.execute((status) -> {
			BranchOp op = barrier.getOp();
			BranchOp origin = barrier.getOriginOp();
			int originInserted = (origin != null) ? insert(barrier.getTransType(), barrier.getGid(),
					barrier.getBranchId(), origin.wireValue(), barrierId, op.wireValue()) : 0;
			int currentInserted = insert(barrier.getTransType(), barrier.getGid(), barrier.getBranchId(),
					op.wireValue(), barrierId, op.wireValue());
			if (op == BranchOp.MSG && currentInserted == 0) {
				return BarrierOutcome.DUPLICATE;
			}
			if (op.isRollback() && originInserted == 1) {
				return BarrierOutcome.NULL_COMPENSATION;
			}
			if (currentInserted == 0) {
				String reason = reasonForUpdate(barrier.getGid(), barrier.getBranchId(), op.wireValue(), barrierId);
				return op.wireValue().equals(reason) ? BarrierOutcome.DUPLICATE : BarrierOutcome.HANGING;
			}
			action.execute(new BarrierTransaction(barrier, this.jdbcTemplate, status));
			return BarrierOutcome.EXECUTED;
		});
		if (outcome != BarrierOutcome.EXECUTED && logger.isDebugEnabled()) {
			logger.debug("{} barrier {}: business work skipped ({})", barrier, barrierId, outcome);
		}
		return outcome;
	}

	/**
	 * Answer a msg check-back ({@code query_prepared}) exactly: insert the msg barrier
	 * row with reason {@code rollback} if it is absent, then read it back. If the local
	 * transaction of {@code doAndSubmitDb} committed, the row says {@code msg} and this
	 * method returns (answer 200). If not, the row now says {@code rollback}, the local
	 * transaction can never commit any more, and this method throws {@link DtmFailure}
	 * (answer 409). A local transaction still running makes this call wait for it.
	 * @param gid the message's gid
	 * @throws DtmFailure if the local transaction did not (and now cannot) commit
	 */
	public void queryPrepared(String gid) {
		Assert.hasText(gid, "'gid' must not be empty");
		String reason = this.transactionTemplate.execute((status) -> {
			insert(TransType.MSG, gid, Msg.CHECK_BRANCH_ID, BranchOp.MSG.wireValue(), "01",
					BranchOp.ROLLBACK.wireValue());
			return reasonForUpdate(gid, Msg.CHECK_BRANCH_ID, BranchOp.MSG.wireValue(), "01");
		});
		if (BranchOp.ROLLBACK.wireValue().equals(reason)) {
			throw DtmFailure.of("msg " + gid + ": the local transaction did not commit", gid);
		}
	}

	/**
	 * Check that the barrier table exists and can be read.
	 * @throws BarrierTableMissingException if it does not exist
	 * @throws org.springframework.dao.DataAccessException if the database cannot be used
	 */
	public void checkTable() {
		withTable(() -> this.jdbcTemplate.queryForList("SELECT barrier_id FROM " + this.tableName + " WHERE 1 = 0"));
	}

	private <T> T withTable(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (DataAccessException ex) {
			if (BarrierTableMissingException.isMissingTable(ex)) {
				throw new BarrierTableMissingException(this.tableName, knownDialect(), ex);
			}
			throw ex;
		}
	}

	private BarrierDialect knownDialect() {
		try {
			return dialect();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Delete one batch of barrier rows older than an age, by the database's clock, in a
	 * statement of its own (outside any transaction of the caller's). Only for rows of
	 * transactions that can no longer call this participant: see {@link BarrierCleanup}.
	 * @param age the age, at least one second
	 * @param limit the most rows to delete
	 * @return how many rows were deleted
	 */
	public int deleteOlderThan(Duration age, int limit) {
		Assert.isTrue(age.getSeconds() >= 1, "'age' must be at least one second");
		Assert.isTrue(limit > 0, "'limit' must be positive");
		return withTable(
				() -> this.jdbcTemplate.update(dialect().deleteOldSql(this.tableName), age.getSeconds(), limit));
	}

	/**
	 * Create the barrier table if it does not exist.
	 */
	public void initializeSchema() {
		for (String statement : dialect().schema(this.tableName)) {
			this.jdbcTemplate.execute(statement);
		}
	}

	/**
	 * The barrier table name.
	 * @return the name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * The data source.
	 * @return the data source
	 */
	public DataSource getDataSource() {
		return this.dataSource;
	}

	/**
	 * The dialect, detected on first use when not configured.
	 * @return the dialect
	 */
	public BarrierDialect dialect() {
		BarrierDialect current = this.dialect;
		if (current == null) {
			current = BarrierDialect.of(this.dataSource);
			this.dialect = current;
		}
		return current;
	}

	int insert(TransType transType, String gid, String branchId, String op, String barrierId, String reason) {
		BarrierDialect current = dialect();
		try {
			return withTable(() -> this.jdbcTemplate.update(current.insertSql(this.tableName), transType.wireValue(),
					gid, branchId, op, barrierId, reason));
		}
		catch (DuplicateKeyException ex) {
			if (current == BarrierDialect.H2) {
				return 0;
			}
			throw ex;
		}
	}

	private String reasonForUpdate(String gid, String branchId, String op, String barrierId) {
		List<String> reasons = withTable(() -> this.jdbcTemplate.queryForList(
				"SELECT reason FROM " + this.tableName
						+ " WHERE gid = ? AND branch_id = ? AND op = ? AND barrier_id = ? FOR UPDATE",
				String.class, gid, branchId, op, barrierId));
		return reasons.isEmpty() ? null : reasons.get(0);
	}

}
