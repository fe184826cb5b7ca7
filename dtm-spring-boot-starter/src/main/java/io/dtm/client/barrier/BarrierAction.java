package io.dtm.client.barrier;

/**
 * Business work run by a {@link JdbcBarrier} inside the barrier's database transaction.
 * Throw to roll the work and the barrier row back: {@link io.dtm.client.DtmFailure} for a
 * business refusal (answered 409), anything else for an unknown outcome (answered 500 and
 * retried by the coordinator).
 */
@FunctionalInterface
public interface BarrierAction {

	/**
	 * Do the work. Any Spring-managed data access on the barrier's data source
	 * ({@code JdbcTemplate}, JPA repositories, jOOQ with a Spring-aware data source)
	 * takes part in the same transaction.
	 * @param transaction the running transaction
	 */
	void execute(BarrierTransaction transaction);

}
