package io.dtm.server.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the Redis store, one per atomic operation. Each is
 * {@code common.lua} followed by its own body; Spring runs them with {@code EVALSHA} and
 * falls back to {@code EVAL} when the server does not have them cached.
 */
final class RedisScripts {

	final RedisScript<Long> saveNew = script("save_new", Long.class);

	final RedisScript<Long> changeStatus = script("change_status", Long.class);

	final RedisScript<Long> updateBranch = script("update_branch", Long.class);

	final RedisScript<Long> registerBranches = script("register_branches", Long.class);

	final RedisScript<Long> touchCron = script("touch_cron", Long.class);

	final RedisScript<String> leaseDue = script("lease_due", String.class);

	final RedisScript<Long> resetNextCron = script("reset_next_cron", Long.class);

	final RedisScript<Long> resetCron = script("reset_cron", Long.class);

	final RedisScript<Long> kvCreate = script("kv_create", Long.class);

	final RedisScript<Long> kvUpdate = script("kv_update", Long.class);

	final RedisScript<Long> kvDelete = script("kv_delete", Long.class);

	final RedisScript<Long> recordCall = script("record_call", Long.class);

	final RedisScript<Long> deleteCalls = script("delete_calls", Long.class);

	final RedisScript<Long> auditRecord = script("audit_record", Long.class);

	@SuppressWarnings("rawtypes")
	final RedisScript<List> auditPage = script("audit_page", List.class);

	@SuppressWarnings("rawtypes")
	final RedisScript<List> auditTarget = script("audit_target", List.class);

	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		return new DefaultRedisScript<>(read("common") + read(name), resultType);
	}

	private static String read(String name) {
		ClassPathResource resource = new ClassPathResource(name + ".lua", RedisScripts.class);
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read Lua script " + resource, ex);
		}
	}

}
