package io.dtm.client.barrier;

import java.time.Duration;
import java.util.List;

import io.dtm.client.DtmFailure;
import io.dtm.client.Msg;
import io.dtm.core.BranchOp;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * The sub-transaction barrier for work whose effect lives in Redis, as dtm's Redis
 * barrier: each operation is one Lua script that checks the barrier keys
 * ({@code <gid>-<branch_id>-<op>-<barrier_id>}) and applies the effect atomically.
 * Barrier keys expire after the configured time. Thread-safe.
 */
public class RedisBarrier {

	private static final RedisScript<String> ADJUST = new DefaultRedisScript<>("""
			local e1 = redis.call('GET', KEYS[2])
			if e1 ~= false then
				return 'DUPLICATE'
			end
			if ARGV[2] ~= '' then
				local e2 = redis.call('GET', KEYS[3])
				if e2 == false then
					redis.call('SET', KEYS[3], 'rollback', 'EX', ARGV[3])
					redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[3])
					return 'NULL_COMPENSATION'
				end
			end
			local v = redis.call('GET', KEYS[1])
			if v == false or tonumber(v) + tonumber(ARGV[1]) < 0 then
				return 'FAILURE'
			end
			redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[3])
			redis.call('INCRBY', KEYS[1], ARGV[1])
			return 'EXECUTED'
			""", String.class);

	private static final RedisScript<String> QUERY_PREPARED = new DefaultRedisScript<>("""
			local v = redis.call('GET', KEYS[1])
			if v == false then
				redis.call('SET', KEYS[1], 'rollback', 'EX', ARGV[1])
				v = 'rollback'
			end
			if v == 'rollback' then
				return 'FAILURE'
			end
			return 'SUCCESS'
			""", String.class);

	private final StringRedisTemplate redis;

	private final Duration expire;

	/**
	 * Create a Redis barrier.
	 * @param redis the template
	 * @param expire how long barrier keys are kept
	 */
	public RedisBarrier(StringRedisTemplate redis, Duration expire) {
		Assert.notNull(redis, "'redis' must not be null");
		Assert.isTrue(expire != null && expire.toSeconds() >= 1, "'expire' must be at least one second");
		this.redis = redis;
		this.expire = expire;
	}

	/**
	 * Add {@code amount} to the integer at {@code key} behind the barrier: skipped for a
	 * duplicate, hanging or null-compensated call, refused with {@link DtmFailure} if the
	 * key is missing or the result would be negative (nothing is written then, so the
	 * coordinator's compensation finds nothing to undo).
	 * @param barrier the branch call's barrier
	 * @param key the counter key (a balance, a stock level)
	 * @param amount the change, negative to deduct
	 * @return what happened
	 * @throws DtmFailure if the counter is missing or would go negative
	 */
	public BarrierOutcome checkAdjustAmount(BranchBarrier barrier, String key, long amount) {
		Assert.notNull(barrier, "'barrier' must not be null");
		Assert.hasText(key, "'key' must not be empty");
		String barrierId = barrier.nextBarrierId();
		BranchOp origin = barrier.getOriginOp();
		String current = key(barrier.getGid(), barrier.getBranchId(), barrier.getOp().wireValue(), barrierId);
		String originKey = (origin != null)
				? key(barrier.getGid(), barrier.getBranchId(), origin.wireValue(), barrierId) : current;
		String result = this.redis.execute(ADJUST, List.of(key, current, originKey), Long.toString(amount),
				(origin != null) ? origin.wireValue() : "", Long.toString(this.expire.toSeconds()),
				barrier.getOp().wireValue());
		if ("FAILURE".equals(result)) {
			throw DtmFailure.of("'" + key + "' is missing or would become negative", barrier.getGid());
		}
		if ("DUPLICATE".equals(result)) {
			return (barrier.getOp() == BranchOp.MSG || isOwnKey(current, barrier)) ? BarrierOutcome.DUPLICATE
					: BarrierOutcome.HANGING;
		}
		return "NULL_COMPENSATION".equals(result) ? BarrierOutcome.NULL_COMPENSATION : BarrierOutcome.EXECUTED;
	}

	/**
	 * Answer a msg check-back for a message whose local work used this barrier (see
	 * {@link io.dtm.client.Msg#doAndSubmit}).
	 * @param gid the message's gid
	 * @throws DtmFailure if the local work did not (and now cannot) happen
	 */
	public void queryPrepared(String gid) {
		String result = this.redis.execute(QUERY_PREPARED,
				List.of(key(gid, Msg.CHECK_BRANCH_ID, BranchOp.MSG.wireValue(), "01")),
				Long.toString(this.expire.toSeconds()));
		if ("FAILURE".equals(result)) {
			throw DtmFailure.of("msg " + gid + ": the local work did not happen", gid);
		}
	}

	private boolean isOwnKey(String current, BranchBarrier barrier) {
		return barrier.getOp().wireValue().equals(this.redis.opsForValue().get(current));
	}

	static String key(String gid, String branchId, String op, String barrierId) {
		return gid + "-" + branchId + "-" + op + "-" + barrierId;
	}

}
