package io.dtm.client.barrier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;

/**
 * The database transaction a {@link BarrierAction} runs in.
 *
 * @param barrier the barrier of the branch call
 * @param jdbcTemplate a template on the barrier's data source, bound to the transaction
 * @param status the transaction status; {@code setRollbackOnly()} rolls the work and the
 * barrier row back without an exception
 */
public record BarrierTransaction(BranchBarrier barrier, JdbcTemplate jdbcTemplate, TransactionStatus status) {

	/**
	 * Shortcut for {@code jdbcTemplate()}.
	 * @return the template
	 */
	public JdbcTemplate getJdbcTemplate() {
		return this.jdbcTemplate;
	}

}
