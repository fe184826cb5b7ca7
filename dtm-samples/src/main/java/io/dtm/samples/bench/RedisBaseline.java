package io.dtm.samples.bench;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The Redis limit: dtm's per-transaction Redis work as plain Lua scripts through Lettuce,
 * one connection per client. Saga: save (global, status, 4 branches, schedule entry,
 * TTLs), 2 guarded branch updates, 1 guarded final status change. Msg and TCC add their
 * submit and registration scripts the same way.
 */
final class RedisBaseline implements AutoCloseable {

	private static final String SAVE = """
			if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
			redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[2])
			for i = 4, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end
			redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
			redis.call('EXPIRE', KEYS[1], 604800); redis.call('EXPIRE', KEYS[2], 604800)
			redis.call('EXPIRE', KEYS[3], 604800)
			return 1""";

	private static final String UPDATE_BRANCH = """
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			redis.call('LSET', KEYS[2], tonumber(ARGV[2]), ARGV[3]); redis.call('EXPIRE', KEYS[2], 604800)
			return 1""";

	private static final String REGISTER = """
			if redis.call('GET', KEYS[1]) ~= 'prepared' then return 0 end
			redis.call('RPUSH', KEYS[2], ARGV[1]); redis.call('RPUSH', KEYS[2], ARGV[2])
			return 1""";

	private static final String CHANGE_STATUS = """
			if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
			redis.call('SET', KEYS[1], ARGV[3]); redis.call('SET', KEYS[2], ARGV[2])
			if ARGV[2] == 'succeed' or ARGV[2] == 'failed' then
			  redis.call('ZREM', KEYS[4], ARGV[4])
			  redis.call('EXPIRE', KEYS[1], 86400); redis.call('EXPIRE', KEYS[2], 86400)
			  redis.call('EXPIRE', KEYS[3], 86400)
			end
			return 1""";

	private final RedisClient client;

	private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();

	private final String prefix;

	private final String[] shas = new String[4];

	private final ParticipantProcess participant;

	RedisBaseline(String url, int clients, String prefix, ParticipantProcess participant) {
		this.participant = participant;
		this.client = RedisClient.create(url);
		for (int i = 0; i < clients; i++) {
			this.connections.add(this.client.connect());
		}
		this.prefix = prefix;
		RedisCommands<String, String> redis = this.connections.get(0).sync();
		this.shas[0] = redis.scriptLoad(SAVE);
		this.shas[1] = redis.scriptLoad(UPDATE_BRANCH);
		this.shas[2] = redis.scriptLoad(REGISTER);
		this.shas[3] = redis.scriptLoad(CHANGE_STATUS);
	}

	boolean run(Scenario scenario, int client, long sequence) throws Exception {
		RedisCommands<String, String> redis = this.connections.get(client).sync();
		String gid = this.prefix + "-" + sequence;
		String[] keys = { this.prefix + "_g_" + gid, this.prefix + "_s_" + gid, this.prefix + "_b_" + gid,
				this.prefix + "_u" };
		String branch = "{\"gid\":\"" + gid + "\",\"url\":\"\",\"bin_data\":\"e30=\",\"branch_id\":\"01\","
				+ "\"op\":\"action\",\"status\":\"prepared\",\"create_time\":\"2026-01-01T00:00:00Z\"}";
		String global = "{\"gid\":\"" + gid + "\",\"trans_type\":\"" + scenario.id()
				+ "\",\"status\":\"submitted\",\"create_time\":\"2026-01-01T00:00:00Z\",\"options\":\"\"}";
		String now = String.valueOf(System.currentTimeMillis() / 1000 + 10);
		switch (scenario) {
			case SAGA_EMPTY -> {
				save(redis, keys, global, "submitted", now, branch, branch, branch, branch);
				updateBranch(redis, keys, "submitted", 1, branch);
				updateBranch(redis, keys, "submitted", 3, branch);
				changeStatus(redis, keys, "submitted", "succeed", global, gid);
			}
			case SAGA_HTTP, SAGA_GRPC -> {
				save(redis, keys, global, "submitted", now, branch, branch, branch, branch);
				this.participant.call(scenario, "TransOut");
				updateBranch(redis, keys, "submitted", 1, branch);
				this.participant.call(scenario, "TransIn");
				updateBranch(redis, keys, "submitted", 3, branch);
				changeStatus(redis, keys, "submitted", "succeed", global, gid);
			}
			case MSG -> {
				save(redis, keys, global, "prepared", now, branch, branch);
				changeStatus(redis, keys, "prepared", "submitted", global, gid);
				updateBranch(redis, keys, "submitted", 0, branch);
				updateBranch(redis, keys, "submitted", 1, branch);
				changeStatus(redis, keys, "submitted", "succeed", global, gid);
			}
			case TCC -> {
				save(redis, keys, global, "prepared", now);
				redis.evalsha(this.shas[2], ScriptOutputType.INTEGER, new String[] { keys[1], keys[2] }, branch,
						branch);
				redis.evalsha(this.shas[2], ScriptOutputType.INTEGER, new String[] { keys[1], keys[2] }, branch,
						branch);
				changeStatus(redis, keys, "prepared", "submitted", global, gid);
				updateBranch(redis, keys, "submitted", 3, branch);
				updateBranch(redis, keys, "submitted", 1, branch);
				changeStatus(redis, keys, "submitted", "succeed", global, gid);
			}
		}
		return true;
	}

	private void save(RedisCommands<String, String> redis, String[] keys, String global, String status, String score,
			String... branches) {
		String[] args = new String[3 + branches.length];
		args[0] = global;
		args[1] = status;
		args[2] = score;
		System.arraycopy(branches, 0, args, 3, branches.length);
		redis.evalsha(this.shas[0], ScriptOutputType.INTEGER, keys, args);
	}

	private void updateBranch(RedisCommands<String, String> redis, String[] keys, String status, int index,
			String branch) {
		redis.evalsha(this.shas[1], ScriptOutputType.INTEGER, new String[] { keys[1], keys[2] }, status,
				String.valueOf(index), branch);
	}

	private void changeStatus(RedisCommands<String, String> redis, String[] keys, String from, String to, String global,
			String gid) {
		redis.evalsha(this.shas[3], ScriptOutputType.INTEGER, keys, from, to, global, gid);
	}

	/**
	 * Delete the keys of one bench run (the coordinator's and the baseline's), so runs do
	 * not pile gigabytes up in a shared Redis: SCAN with a pattern, UNLINK in batches.
	 * @param url the Redis URL
	 * @param prefix the key prefix of the run, hash-tag braces included
	 * @return the number of keys deleted
	 */
	static long deleteKeys(String url, String prefix) {
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			String pattern = prefix.replace("[", "\\[").replace("*", "\\*").replace("?", "\\?") + "*";
			ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
			long deleted = 0;
			KeyScanCursor<String> cursor = redis.scan(args);
			while (true) {
				if (!cursor.getKeys().isEmpty()) {
					deleted += redis.unlink(cursor.getKeys().toArray(String[]::new));
				}
				if (cursor.isFinished()) {
					return deleted;
				}
				cursor = redis.scan(cursor, args);
			}
		}
		finally {
			client.shutdown();
		}
	}

	@Override
	public void close() {
		this.connections.forEach(StatefulRedisConnection::close);
		this.client.shutdown();
	}

}
