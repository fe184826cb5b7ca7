package io.dtm.server.store.redis;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.core.diagnostics.DiagnosticClassifier;
import io.dtm.server.store.Branch;
import io.dtm.server.store.DuplicateBranchException;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.KvPage;
import io.dtm.server.store.KvRecord;
import io.dtm.server.store.StatusChange;
import io.dtm.server.store.TransPage;
import io.dtm.server.store.TransQuery;
import io.dtm.server.store.TransStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link TransStore} on Redis with dtm's key layout (see {@link RedisKeys}). Every write
 * is one Lua script, so multi-key changes are atomic and each guard (the status in
 * {@code _s_<gid>}, the KV version) is checked in the same step that writes.
 * <p>
 * Branch rows get ids from a store-wide counter when they are written; ids grow along a
 * transaction's branch list, which is only ever appended to, so a script finds a row by
 * id (first by the position its id implies, else by binary search) and updates it in
 * place while checking the global status. Data of a finished transaction expires after
 * {@code finished-data-expire}, that of an unfinished one {@code data-expire} after its
 * last write; expired entries are pruned from the indexes as new transactions arrive and
 * whenever the cron finds nothing due.
 */
public class RedisTransStore implements TransStore {

	private static final Log logger = LogFactory.getLog(RedisTransStore.class);

	private static final int PRUNE_PER_SAVE = 4;

	private static final int PRUNE_WHEN_IDLE = 200;

	private static final int SCAN_BATCH = 200;

	private static final int SCAN_BUDGET = 10_000;

	private static final int COUNT_BUDGET = 100_000;

	private static final long LOG_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisJson json;

	private final RedisScripts scripts = new RedisScripts();

	private final long dataTtl;

	private final long finishedTtl;

	private final String endpoint;

	private final AtomicLong lastProblemLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

	/**
	 * Create the store.
	 * @param redis the template
	 * @param keys key names
	 * @param json document mapping
	 * @param dataExpire retention of unfinished transactions
	 * @param finishedDataExpire retention of finished transactions
	 * @param endpoint description of the endpoint for error messages
	 */
	RedisTransStore(StringRedisTemplate redis, RedisKeys keys, RedisJson json, Duration dataExpire,
			Duration finishedDataExpire, String endpoint) {
		this.redis = redis;
		this.keys = keys;
		this.json = json;
		this.dataTtl = Math.max(1, dataExpire.toSeconds());
		this.finishedTtl = Math.max(1, finishedDataExpire.toSeconds());
		this.endpoint = endpoint;
	}

	@Override
	public boolean saveNew(GlobalTrans global, List<Branch> branches) {
		return saveNewWithBranches(global, branches).isPresent();
	}

	/**
	 * The save script numbers the branches from one sequence and reports the first id, so
	 * the stored branches are known without reading them back.
	 */
	@Override
	public Optional<List<Branch>> saveNewWithBranches(GlobalTrans global, List<Branch> branches) {
		List<String> args = new ArrayList<>(8 + branches.size());
		args.add(this.keys.prefix());
		args.add(global.gid());
		args.add(global.status().wireValue());
		args.add(this.json.globalWithoutId(global));
		LocalDateTime nextCronTime = (global.nextCronTime() != null) ? global.nextCronTime() : global.createTime();
		args.add(String.valueOf(this.json.score(nextCronTime)));
		args.add(String.valueOf(ttl(global.status())));
		args.add(String.valueOf(PRUNE_PER_SAVE));
		args.add(String.valueOf(this.dataTtl));
		for (Branch branch : branches) {
			args.add(this.json.branchWithoutId(branch));
		}
		long first = run(this.scripts.saveNew, this.keys.global(global.gid()), args);
		if (first <= 0) {
			return Optional.empty();
		}
		List<Branch> stored = new ArrayList<>(branches.size());
		for (int i = 0; i < branches.size(); i++) {
			Branch b = branches.get(i);
			stored.add(new Branch(first + i, b.gid(), (b.url() != null) ? b.url() : "",
					(b.binData() != null) ? b.binData() : new byte[0], b.branchId(), b.op(), b.status(), b.createTime(),
					b.updateTime(), b.finishTime(), b.rollbackTime()));
		}
		return Optional.of(stored);
	}

	@Override
	public Optional<GlobalTrans> find(String gid) {
		String text = call(() -> this.redis.opsForValue().get(this.keys.global(gid)));
		return Optional.ofNullable(text).map(this.json::global);
	}

	@Override
	public List<Branch> findBranches(String gid) {
		List<String> rows = call(() -> this.redis.opsForList().range(this.keys.branches(gid), 0, -1));
		return (rows != null) ? rows.stream().map(this.json::branch).toList() : List.of();
	}

	@Override
	public boolean changeStatus(StatusChange change) {
		boolean storeReason = change.rollbackReason() != null;
		boolean storeResult = change.result() != null;
		return run(this.scripts.changeStatus, this.keys.global(change.gid()),
				List.of(this.keys.prefix(), change.gid(), change.from().wireValue(), change.to().wireValue(),
						storeReason ? change.rollbackReason() : "", storeReason ? "1" : "0",
						this.json.time(change.now()), String.valueOf(ttl(change.to())),
						storeResult ? change.result() : "", storeResult ? "1" : "0")) == 1;
	}

	@Override
	public boolean updateBranchStatus(Branch branch, BranchStatus status, GlobalStatus expectedGlobal,
			LocalDateTime now) {
		return run(this.scripts.updateBranch, this.keys.branches(branch.gid()),
				List.of(this.keys.prefix(), branch.gid(), expectedGlobal.wireValue(), String.valueOf(branch.id()),
						status.wireValue(), this.json.time(now), String.valueOf(ttl(expectedGlobal)))) == 1;
	}

	@Override
	public boolean registerBranches(String gid, List<Branch> branches, LocalDateTime now) {
		List<String> args = new ArrayList<>(3 + 3 * branches.size());
		args.add(this.keys.prefix());
		args.add(gid);
		args.add(String.valueOf(this.dataTtl));
		for (Branch branch : branches) {
			args.add(branch.branchId());
			args.add(branch.op().wireValue());
			args.add(this.json.branchWithoutId(branch));
		}
		long result = run(this.scripts.registerBranches, this.keys.branches(gid), args);
		if (result < 0) {
			throw new DuplicateBranchException(gid, branches.isEmpty() ? "" : branches.get(0).branchId(), null);
		}
		return result == 1;
	}

	@Override
	public boolean touchCronTime(String gid, GlobalStatus expected, long intervalSeconds, LocalDateTime nextCronTime,
			LocalDateTime now) {
		return run(this.scripts.touchCron, this.keys.global(gid),
				List.of(this.keys.prefix(), gid, expected.wireValue(), String.valueOf(intervalSeconds),
						this.json.time(nextCronTime), String.valueOf(this.json.score(nextCronTime)),
						this.json.time(now), String.valueOf(ttl(expected)))) == 1;
	}

	@Override
	public Optional<GlobalTrans> leaseDue(LocalDateTime now, Duration lease, String owner) {
		LocalDateTime until = now.plus(lease);
		String text = call(() -> this.redis.execute(this.scripts.leaseDue, List.of(this.keys.unfinished()),
				this.keys.prefix(), String.valueOf(this.json.score(now)), String.valueOf(this.json.score(until)), owner,
				this.json.time(now), this.json.time(until), String.valueOf(this.dataTtl),
				String.valueOf(PRUNE_WHEN_IDLE)));
		return Optional.ofNullable(text).map(this.json::global);
	}

	/**
	 * {@inheritDoc} The schedule {@code _u} also holds entries whose transaction has
	 * expired until a poll prunes them, so the count may include a few of those.
	 */
	@Override
	public long countDue(LocalDateTime before, int cap) {
		Long count = call(() -> this.redis.opsForZSet()
			.count(this.keys.unfinished(), Double.NEGATIVE_INFINITY, this.json.score(before) - 1));
		return (count != null) ? Math.min(count, cap) : 0;
	}

	@Override
	public boolean resetNextCronTime(String gid, LocalDateTime now) {
		return run(this.scripts.resetNextCron, this.keys.global(gid), List.of(this.keys.prefix(), gid,
				this.json.time(now), String.valueOf(this.json.score(now)), String.valueOf(this.dataTtl))) == 1;
	}

	@Override
	public int resetCronTime(LocalDateTime later, LocalDateTime now, int limit) {
		return (int) run(this.scripts.resetCron, this.keys.unfinished(),
				List.of(this.keys.prefix(), String.valueOf(this.json.score(later)), this.json.time(now),
						String.valueOf(this.json.score(now)), String.valueOf(limit), String.valueOf(this.dataTtl)));
	}

	/**
	 * Walks the id index newest first, reading documents in batches and filtering them.
	 * At most {@value #SCAN_BUDGET} index entries are examined per call; when a selective
	 * filter exhausts that budget, the page is returned short with a position to continue
	 * from, so a call never scans the whole store.
	 */
	@Override
	public TransPage scan(TransQuery query) {
		int limit = Math.max(1, query.limit());
		double upper = (query.position() != null) ? query.position() - 1 : Double.POSITIVE_INFINITY;
		List<GlobalTrans> matches = new ArrayList<>();
		int examined = 0;
		long lastExamined = -1;
		while (matches.size() <= limit && examined < SCAN_BUDGET) {
			double max = upper;
			Set<TypedTuple<String>> batch = call(() -> this.redis.opsForZSet()
				.reverseRangeByScoreWithScores(this.keys.all(), Double.NEGATIVE_INFINITY, max, 0, SCAN_BATCH));
			if (batch == null || batch.isEmpty()) {
				return page(matches, limit, "");
			}
			List<String> gids = new ArrayList<>(batch.size());
			List<Long> ids = new ArrayList<>(batch.size());
			for (TypedTuple<String> entry : batch) {
				gids.add(entry.getValue());
				ids.add(entry.getScore().longValue());
			}
			List<String> documents = call(
					() -> this.redis.opsForValue().multiGet(gids.stream().map(this.keys::global).toList()));
			for (int i = 0; i < gids.size() && matches.size() <= limit; i++) {
				examined++;
				lastExamined = ids.get(i);
				String text = (documents != null) ? documents.get(i) : null;
				if (text != null) {
					GlobalTrans trans = this.json.global(text);
					if (matches(trans, query)) {
						matches.add(trans);
					}
				}
			}
			upper = ids.get(ids.size() - 1) - 1;
			if (batch.size() < SCAN_BATCH && matches.size() <= limit) {
				return page(matches, limit, "");
			}
		}
		if (matches.size() > limit) {
			return page(matches, limit, String.valueOf(matches.get(limit - 1).id()));
		}
		return page(matches, limit, (lastExamined > 1) ? String.valueOf(lastExamined) : "");
	}

	/**
	 * Redis keeps no per-status index: the newest {@value #COUNT_BUDGET} transactions are
	 * read and counted (older ones expire with
	 * {@code dtm.server.store.redis.data-expire}).
	 */
	@Override
	public Map<GlobalStatus, Long> countByStatus() {
		Map<GlobalStatus, Long> counts = new EnumMap<>(GlobalStatus.class);
		double upper = Double.POSITIVE_INFINITY;
		int examined = 0;
		while (examined < COUNT_BUDGET) {
			double max = upper;
			Set<TypedTuple<String>> batch = call(() -> this.redis.opsForZSet()
				.reverseRangeByScoreWithScores(this.keys.all(), Double.NEGATIVE_INFINITY, max, 0, SCAN_BATCH));
			if (batch == null || batch.isEmpty()) {
				break;
			}
			List<String> globalKeys = new ArrayList<>(batch.size());
			double lowest = upper;
			for (TypedTuple<String> entry : batch) {
				globalKeys.add(this.keys.global(entry.getValue()));
				lowest = entry.getScore();
			}
			List<String> documents = call(() -> this.redis.opsForValue().multiGet(globalKeys));
			if (documents != null) {
				for (String text : documents) {
					if (text != null) {
						counts.merge(this.json.global(text).status(), 1L, Long::sum);
					}
				}
			}
			examined += batch.size();
			upper = lowest - 1;
			if (batch.size() < SCAN_BATCH) {
				break;
			}
		}
		return counts;
	}

	private static TransPage page(List<GlobalTrans> matches, int limit, String next) {
		List<GlobalTrans> page = (matches.size() > limit) ? List.copyOf(matches.subList(0, limit))
				: List.copyOf(matches);
		return new TransPage(page, next);
	}

	private static boolean matches(GlobalTrans trans, TransQuery query) {
		return (query.status() == null || trans.status() == query.status())
				&& (query.transType() == null || trans.transType() == query.transType())
				&& (query.createTimeStart() == null
						|| (trans.createTime() != null && !trans.createTime().isBefore(query.createTimeStart())))
				&& (query.createTimeEnd() == null
						|| (trans.createTime() != null && !trans.createTime().isAfter(query.createTimeEnd())))
				&& query.matchesGid(trans.gid());
	}

	/**
	 * PING every node. A failure is reported as a {@link RedisConfigurationException}
	 * whose message carries the D1002 diagnosis; the original error is attached as
	 * suppressed, so callers that report the deepest cause still show the diagnosis.
	 */
	@Override
	public void ping() {
		try {
			this.redis.execute((RedisCallback<String>) RedisConnection::ping);
		}
		catch (RuntimeException ex) {
			Diagnosis diagnosis = DiagnosticClassifier.classifyRedis(ex, this.endpoint)
				.orElseGet(() -> DiagnosticClassifier.redis(DiagnosticCause.REDIS_UNREACHABLE, this.endpoint,
						String.valueOf(ex)));
			RedisConfigurationException failure = new RedisConfigurationException(diagnosis, null);
			failure.addSuppressed(ex);
			throw failure;
		}
	}

	@Override
	public Optional<KvRecord> findKv(String cat, String key) {
		String text = call(() -> this.redis.opsForValue().get(this.keys.kv(cat, key)));
		return Optional.ofNullable(text).map(this.json::kv);
	}

	@Override
	public KvPage scanKv(String cat, Long position, int limit) {
		int size = Math.max(1, limit);
		double lower = (position != null) ? position + 1 : Double.NEGATIVE_INFINITY;
		Set<TypedTuple<String>> entries = call(() -> this.redis.opsForZSet()
			.rangeByScoreWithScores(this.keys.kvIndex(cat), lower, Double.POSITIVE_INFINITY, 0, size + 1));
		if (entries == null || entries.isEmpty()) {
			return new KvPage(List.of(), "");
		}
		List<String> names = entries.stream().map(TypedTuple::getValue).toList();
		List<String> documents = call(
				() -> this.redis.opsForValue().multiGet(names.stream().map((k) -> this.keys.kv(cat, k)).toList()));
		List<KvRecord> records = new ArrayList<>();
		for (int i = 0; i < names.size() && i < size && documents != null; i++) {
			if (documents.get(i) != null) {
				records.add(this.json.kv(documents.get(i)));
			}
		}
		String next = "";
		if (entries.size() > size) {
			next = String.valueOf(new ArrayList<>(entries).get(size - 1).getScore().longValue());
		}
		return new KvPage(records, next);
	}

	@Override
	public boolean createKv(String cat, String key, String value, LocalDateTime now) {
		return run(this.scripts.kvCreate, this.keys.kv(cat, key),
				List.of(this.keys.prefix(), cat, key, this.json.kvWithoutId(cat, key, value, now))) > 0;
	}

	@Override
	public boolean updateKv(String cat, String key, String value, long expectedVersion, LocalDateTime now) {
		return run(this.scripts.kvUpdate, this.keys.kv(cat, key),
				List.of(this.keys.prefix(), String.valueOf(expectedVersion), value, this.json.time(now))) == 1;
	}

	@Override
	public boolean deleteKv(String cat, String key) {
		return run(this.scripts.kvDelete, this.keys.kv(cat, key), List.of(this.keys.prefix(), cat, key)) > 0;
	}

	private long ttl(GlobalStatus status) {
		return status.isFinished() ? this.finishedTtl : this.dataTtl;
	}

	private long run(RedisScript<Long> script, String key, List<String> args) {
		Long result = call(() -> this.redis.execute(script, List.of(key), args.toArray()));
		return (result != null) ? result : 0;
	}

	/**
	 * Run a Redis call; connection and configuration errors become a
	 * {@link RedisConfigurationException} carrying the D1002 diagnosis, logged at most
	 * every 30 seconds so an outage does not flood the log.
	 */
	private <T> T call(Supplier<T> action) {
		try {
			return action.get();
		}
		catch (RedisConfigurationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			Optional<Diagnosis> diagnosis = DiagnosticClassifier.classifyRedis(ex, this.endpoint);
			if (diagnosis.isEmpty()) {
				throw ex;
			}
			long now = System.nanoTime();
			long last = this.lastProblemLog.get();
			if (now - last >= LOG_EVERY_NANOS && this.lastProblemLog.compareAndSet(last, now)) {
				logger.error(diagnosis.get().messageWithError());
			}
			throw new RedisConfigurationException(diagnosis.get(), ex);
		}
	}

}
