package io.dtm.server.store.redis;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.server.store.BranchCallFailure;
import io.dtm.server.store.BranchCallLog;
import io.dtm.server.store.BranchCallRecord;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link BranchCallLog} on Redis: one hash per transaction ({@link RedisKeys}, the prefix
 * then {@code _bc_<gid>}) with one JSON per branch operation under the field
 * {@code <branch_id>|<op>}. Each recording is one Lua script that increments the count
 * and overwrites the last call. The hash expires with the transaction's own keys: a
 * recording gives it the transaction's remaining retention, and every later write of the
 * transaction renews both.
 */
class RedisBranchCallLog implements BranchCallLog {

	private static final int DELETE_BATCH = 500;

	private static final Comparator<BranchCallRecord> ORDER = Comparator.comparing(BranchCallRecord::branchId)
		.thenComparing((record) -> record.op().wireValue());

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisJson json;

	private final RedisScripts scripts;

	private final long fallbackTtl;

	/**
	 * Create the log.
	 * @param redis the template
	 * @param keys key names
	 * @param json time format of the store
	 * @param scripts the store's scripts
	 * @param dataExpire retention when the transaction's keys are gone or never expire
	 */
	RedisBranchCallLog(StringRedisTemplate redis, RedisKeys keys, RedisJson json, RedisScripts scripts,
			Duration dataExpire) {
		this.redis = redis;
		this.keys = keys;
		this.json = json;
		this.scripts = scripts;
		this.fallbackTtl = Math.max(1, dataExpire.toSeconds());
	}

	@Override
	public void recordFailedCall(String gid, String branchId, BranchOp op, BranchCallFailure failure,
			LocalDateTime now) {
		this.redis.execute(this.scripts.recordCall, List.of(this.keys.branchCalls(gid)), this.keys.prefix(), gid,
				branchId + "|" + op.wireValue(), branchId, op.wireValue(), failure.outcome().name(), failure.code(),
				failure.message(), this.json.time(now), String.valueOf(this.fallbackTtl));
	}

	@Override
	public List<BranchCallRecord> find(String gid) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(this.keys.branchCalls(gid));
		List<BranchCallRecord> records = new ArrayList<>(fields.size());
		for (Object value : fields.values()) {
			records.add(record(gid, this.json.tree((String) value)));
		}
		records.sort(ORDER);
		return records;
	}

	@Override
	public int deleteFor(Collection<String> gids) {
		List<String> all = gids.stream().map(this.keys::branchCalls).toList();
		long deleted = 0;
		for (int from = 0; from < all.size(); from += DELETE_BATCH) {
			List<String> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
			Long count = this.redis.execute(this.scripts.deleteCalls, batch, this.keys.prefix());
			deleted += (count != null) ? count : 0;
		}
		return (int) Math.min(Integer.MAX_VALUE, deleted);
	}

	private BranchCallRecord record(String gid, JsonNode node) {
		return new BranchCallRecord(gid, node.path("branch_id").asText(),
				BranchOp.fromWireValue(node.path("op").asText()), node.path("failed_calls").asLong(),
				BranchOutcome.valueOf(node.path("last_outcome").asText()), node.path("last_code").asText(),
				node.path("last_error").asText(), this.json.time(node.path("last_time").asText()));
	}

}
