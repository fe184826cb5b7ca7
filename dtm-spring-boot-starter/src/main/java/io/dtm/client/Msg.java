package io.dtm.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.dtm.client.barrier.BarrierAction;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.TransOptions;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;

/**
 * A two-phase message: steps the coordinator calls after the local transaction commits,
 * never rolled back once submitted. Created by {@link DtmOperations#msg(String)}; not
 * thread-safe.
 * <p>
 * The exact way to use it is {@link #doAndSubmitDb(String, DataSource, BarrierAction)}:
 * the local work and a barrier row commit together, and the {@code queryPrepared}
 * endpoint (answered by {@link JdbcBarrier#queryPrepared(String)}) tells the coordinator
 * whether that happened if the initiator dies before submitting.
 *
 * <pre class="code">
 * dtm.msg(gid)
 *     .step(svc + "/TransIn", new Transfer(2, 30))
 *     .doAndSubmitDb(svc + "/QueryPrepared", dataSource,
 *         (tx) -&gt; tx.getJdbcTemplate().update("update account set balance = balance - 30 where id = 1"));
 * </pre>
 */
public final class Msg extends TransactionOptions<Msg> implements MsgStart {

	private static final Logger logger = LoggerFactory.getLogger(Msg.class);

	/** Branch id of the msg check-back and of its barrier row. */
	public static final String CHECK_BRANCH_ID = "00";

	private final List<Map<String, String>> steps = new ArrayList<>();

	private final List<String> payloads = new ArrayList<>();

	private boolean concurrent;

	private Duration delay;

	private String queryPrepared;

	Msg(DtmTemplate template, String gid) {
		super(template, gid);
	}

	@Override
	public Msg step(String action, Object payload) {
		Assert.hasText(action, () -> "step " + this.steps.size() + ": 'action' must not be empty");
		this.steps.add(Map.of("action", action));
		String body = this.template.payload(payload);
		this.payloads.add((body != null) ? body : "");
		return this;
	}

	/**
	 * Call every step in parallel after submit instead of one after the other.
	 * @return this message
	 */
	public Msg concurrent() {
		this.concurrent = true;
		return this;
	}

	/**
	 * Deliver the steps no earlier than this long after the message was prepared.
	 * @param delay the delay, in whole seconds
	 * @return this message
	 */
	public Msg delay(Duration delay) {
		Assert.isTrue(delay != null && delay.toSeconds() >= 1, "'delay' must be at least one second");
		this.delay = delay;
		return this;
	}

	/**
	 * The request that prepare and submit send.
	 * @return the request
	 */
	public TransRequest toRequest() {
		TransOptions options = options(this.concurrent);
		String customData = (this.delay != null) ? "{\"delay\":" + this.delay.toSeconds() + "}" : null;
		return new TransRequest(this.gid, TransType.MSG.wireValue(), List.copyOf(this.steps),
				List.copyOf(this.payloads), customData, this.queryPrepared, null, options.waitResult(),
				options.timeoutToFail(), options.requestTimeout(), options.retryInterval(), options.branchHeaders(),
				this.concurrent, 0, 0, null, null);
	}

	/**
	 * Store the message as prepared. If it is neither submitted nor aborted before its
	 * timeout, the coordinator asks {@code queryPrepared} (GET, with {@code gid},
	 * {@code trans_type=msg}, {@code branch_id=00}, {@code op=msg}): 200 submits it, 409
	 * fails it, anything else asks again later.
	 * @param queryPrepared the check-back URL
	 */
	public void prepare(String queryPrepared) {
		Assert.hasText(queryPrepared, "'queryPrepared' must not be empty");
		this.queryPrepared = queryPrepared;
		this.template.client().send("prepare", toRequest());
	}

	/**
	 * Submit the message: the coordinator calls every step until it succeeds.
	 * @return the gid
	 */
	public String submit() {
		this.template.client().send("submit", toRequest());
		return this.gid;
	}

	/**
	 * Abort a prepared message; no step is ever called.
	 * @param reason why, stored as the rollback reason
	 */
	public void abort(String reason) {
		TransRequest request = toRequest();
		this.template.client()
			.send("abort", new TransRequest(this.gid, request.transType(), null, null, null, null, null, false, 0, 0, 0,
					null, false, 0, 0, reason, null));
	}

	/**
	 * Prepare, run the local work, then submit, as dtm's {@code DoAndSubmit}:
	 * <ul>
	 * <li>the work throws {@link DtmFailure}: abort, rethrow;</li>
	 * <li>the work throws anything else: ask {@code queryPrepared} once; abort if it
	 * answers FAILURE, submit if it answers SUCCESS, leave the decision to the
	 * coordinator's check-back otherwise; rethrow;</li>
	 * <li>the work returns: submit.</li>
	 * </ul>
	 * The work receives the msg barrier ({@code branch_id=00}, {@code op=msg}) to use
	 * with a {@link io.dtm.client.barrier.RedisBarrier} or {@link JdbcBarrier}.
	 * @param queryPrepared the check-back URL
	 * @param localWork the local work
	 * @return the gid
	 */
	public String doAndSubmit(String queryPrepared, Consumer<BranchBarrier> localWork) {
		BranchBarrier barrier = BranchBarrier.of(TransType.MSG, this.gid, CHECK_BRANCH_ID, BranchOp.MSG);
		return doAndSubmit(queryPrepared, () -> localWork.accept(barrier), () -> checkBack(queryPrepared));
	}

	/**
	 * Prepare, run the local work inside a database transaction guarded by the barrier
	 * table, then submit. The barrier row and the work commit together, so the
	 * {@code queryPrepared} endpoint ({@link JdbcBarrier#queryPrepared(String)}) answers
	 * exactly. When the work throws something other than {@link DtmFailure}, the barrier
	 * is asked directly (no HTTP round trip) and the message aborted or submitted
	 * accordingly; the exception is rethrown. Running it again for a gid whose work
	 * already committed skips the work and submits.
	 * @param queryPrepared the check-back URL the coordinator calls if this process dies
	 * before submitting
	 * @param dataSource the database of the local work and the barrier table
	 * @param localWork the local work; joins an outer Spring transaction on the same data
	 * source if there is one
	 * @return the gid
	 */
	public String doAndSubmitDb(String queryPrepared, DataSource dataSource, BarrierAction localWork) {
		JdbcBarrier jdbc = this.template.jdbcBarrier(dataSource);
		BranchBarrier barrier = BranchBarrier.of(TransType.MSG, this.gid, CHECK_BRANCH_ID, BranchOp.MSG);
		return doAndSubmit(queryPrepared, () -> {
			if (jdbc.call(barrier, localWork) == io.dtm.client.barrier.BarrierOutcome.DUPLICATE) {
				logger.info("msg {}: local work already committed by an earlier attempt; submitting", this.gid);
			}
		}, () -> {
			try {
				jdbc.queryPrepared(this.gid);
				return BranchOutcome.SUCCESS;
			}
			catch (DtmFailure ex) {
				return BranchOutcome.FAILURE;
			}
			catch (RuntimeException ex) {
				logger.warn("msg {}: cannot query the barrier after a failed local transaction; "
						+ "the coordinator's check-back decides", this.gid, ex);
				return BranchOutcome.ERROR;
			}
		});
	}

	private String doAndSubmit(String queryPrepared, Runnable work, java.util.function.Supplier<BranchOutcome> check) {
		prepare(queryPrepared);
		try {
			work.run();
		}
		catch (DtmFailure ex) {
			abortQuietly(ex);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			BranchOutcome outcome = check.get();
			if (outcome == BranchOutcome.FAILURE) {
				abortQuietly(ex);
			}
			else if (outcome == BranchOutcome.SUCCESS) {
				submit();
			}
			throw ex;
		}
		return submit();
	}

	private BranchOutcome checkBack(String queryPrepared) {
		CoordinatorClient.BranchCall call = this.template.client()
			.callBranch(HttpMethod.GET, queryPrepared, TransType.MSG, this.gid, CHECK_BRANCH_ID, BranchOp.MSG,
					new LinkedHashMap<>(), null, this.branchHeaders);
		return call.outcome();
	}

	private void abortQuietly(Throwable cause) {
		try {
			abort(String.valueOf(cause.getMessage()));
		}
		catch (RuntimeException ex) {
			cause.addSuppressed(ex);
		}
	}

}
