package io.dtm.client.barrier;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.client.DtmRequestException;
import io.dtm.core.BranchOp;
import io.dtm.core.TransType;

import org.springframework.util.Assert;

/**
 * The sub-transaction barrier of one branch call, identified by the query parameters the
 * coordinator adds to every branch call: {@code gid}, {@code trans_type},
 * {@code branch_id} and {@code op}. It makes the branch's business work safe against the
 * coordinator's retries (duplicate requests), a compensation arriving for work that never
 * ran (null compensation) and work arriving after its compensation (hanging).
 * <p>
 * In a Spring MVC controller declare a {@code BranchBarrier} parameter; it is resolved
 * from the request and bound to the auto-configured {@link JdbcBarrier}, so
 * {@link #call(BarrierAction)} runs the work in the application's transaction:
 *
 * <pre class="code">
 * &#64;PostMapping("/TransOut")
 * void transOut(&#64;RequestBody Transfer transfer, BranchBarrier barrier) {
 *     barrier.call((tx) -&gt; accounts.adjust(transfer.userId(), -transfer.amount()));
 * }
 * </pre>
 *
 * One instance serves one request: calling the barrier several times in a handler uses
 * barrier ids {@code 01}, {@code 02}… in order, as dtm does.
 */
public final class BranchBarrier {

	private final TransType transType;

	private final String gid;

	private final String branchId;

	private final BranchOp op;

	private final AtomicInteger barrierIds = new AtomicInteger();

	private final JdbcBarrier jdbcBarrier;

	private BranchBarrier(TransType transType, String gid, String branchId, BranchOp op, JdbcBarrier jdbcBarrier) {
		this.transType = transType;
		this.gid = gid;
		this.branchId = branchId;
		this.op = op;
		this.jdbcBarrier = jdbcBarrier;
	}

	/**
	 * A barrier for the given branch call.
	 * @param transType the mode
	 * @param gid the gid
	 * @param branchId the branch id
	 * @param op the operation
	 * @return the barrier, not bound to a {@link JdbcBarrier}
	 */
	public static BranchBarrier of(TransType transType, String gid, String branchId, BranchOp op) {
		Assert.notNull(transType, "'transType' must not be null");
		Assert.hasText(gid, "'gid' must not be empty");
		Assert.hasText(branchId, "'branchId' must not be empty");
		Assert.notNull(op, "'op' must not be null");
		return new BranchBarrier(transType, gid, branchId, op, null);
	}

	/**
	 * A barrier from a branch call's query parameters, as
	 * {@code ServletRequest#getParameterMap()} returns them.
	 * @param parameters the parameters
	 * @param jdbcBarrier the barrier {@link #call(BarrierAction)} uses, may be
	 * {@code null}
	 * @return the barrier
	 * @throws DtmRequestException if a parameter is missing or unknown
	 */
	public static BranchBarrier fromParameters(Map<String, String[]> parameters, JdbcBarrier jdbcBarrier) {
		return fromWire(parameter(parameters, "trans_type"), parameter(parameters, "gid"),
				parameter(parameters, "branch_id"), parameter(parameters, "op"), jdbcBarrier);
	}

	/**
	 * A barrier from the four values the coordinator sends with a branch call, as they
	 * are on the wire (HTTP query parameters, gRPC metadata {@code dtm-*}).
	 * @param transType the mode, such as {@code saga}
	 * @param gid the gid
	 * @param branchId the branch id
	 * @param op the operation, such as {@code compensate}
	 * @param jdbcBarrier the barrier {@link #call(BarrierAction)} uses, may be
	 * {@code null}
	 * @return the barrier
	 * @throws DtmRequestException if a value is empty or unknown
	 */
	public static BranchBarrier fromWire(String transType, String gid, String branchId, String op,
			JdbcBarrier jdbcBarrier) {
		if (isEmpty(transType) || isEmpty(gid) || isEmpty(branchId) || isEmpty(op)) {
			throw new DtmRequestException(isEmpty(gid) ? null : gid,
					"not a dtm branch call: gid, trans_type, branch_id and op must not be empty");
		}
		try {
			return new BranchBarrier(TransType.fromWireValue(transType), gid, branchId, BranchOp.fromWireValue(op),
					jdbcBarrier);
		}
		catch (IllegalArgumentException ex) {
			throw new DtmRequestException(gid, "not a dtm branch call: " + ex.getMessage());
		}
	}

	private static boolean isEmpty(String value) {
		return value == null || value.isEmpty();
	}

	private static String parameter(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		if (values == null || values.length == 0 || values[0] == null || values[0].isEmpty()) {
			throw new DtmRequestException(null, "not a dtm branch call: query parameter '" + name
					+ "' is missing (expected gid, trans_type, " + "branch_id and op)");
		}
		return values[0];
	}

	/**
	 * Run business work behind this barrier with the bound {@link JdbcBarrier}.
	 * @param action the work
	 * @return what happened
	 * @throws IllegalStateException if the barrier is not bound (no JDBC
	 * {@code DataSource} in the application); use {@link JdbcBarrier#call} or
	 * {@link RedisBarrier} directly then
	 */
	public BarrierOutcome call(BarrierAction action) {
		if (this.jdbcBarrier == null) {
			throw new IllegalStateException("this BranchBarrier is not bound to a JdbcBarrier (is there a single "
					+ "DataSource bean?); call JdbcBarrier.call(barrier, action) or use RedisBarrier");
		}
		return this.jdbcBarrier.call(this, action);
	}

	public TransType getTransType() {
		return this.transType;
	}

	public String getGid() {
		return this.gid;
	}

	public String getBranchId() {
		return this.branchId;
	}

	public BranchOp getOp() {
		return this.op;
	}

	/**
	 * The operation whose row a rollback-type operation inserts to block a late arrival:
	 * try for cancel, action for compensate and rollback.
	 * @return the origin operation, or {@code null} for forward operations
	 */
	public BranchOp getOriginOp() {
		return switch (this.op) {
			case CANCEL -> BranchOp.TRY;
			case COMPENSATE, ROLLBACK -> BranchOp.ACTION;
			default -> null;
		};
	}

	String nextBarrierId() {
		return String.format("%02d", this.barrierIds.incrementAndGet());
	}

	@Override
	public String toString() {
		return "BranchBarrier[gid=" + this.gid + ", trans_type=" + this.transType + ", branch_id=" + this.branchId
				+ ", op=" + this.op + "]";
	}

}
