package io.dtm.server.store.redis;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.store.InstanceRecord;
import io.dtm.server.store.InstanceRegistry;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link InstanceRegistry} on Redis: one hash (the prefix then {@code _inst}) with one
 * JSON field per instance id. The hash holds a field per live instance plus the stale
 * ones not yet forgotten, so reading all of it is cheap.
 */
class RedisInstanceRegistry implements InstanceRegistry {

	private final StringRedisTemplate redis;

	private final String key;

	private final RedisJson json;

	private final ObjectMapper mapper;

	RedisInstanceRegistry(StringRedisTemplate redis, RedisKeys keys, RedisJson json, ObjectMapper mapper) {
		this.redis = redis;
		this.key = keys.instances();
		this.json = json;
		this.mapper = mapper;
	}

	@Override
	public void heartbeat(InstanceRecord record) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("version", record.version());
		document.put("http_port", record.httpPort());
		document.put("grpc_port", record.grpcPort());
		document.put("cron", record.cron());
		document.put("started_at", this.json.time(record.startedAt()));
		document.put("last_seen", this.json.time(record.lastSeen()));
		document.put("passes", record.passes());
		document.put("pass_gids", record.passGids());
		try {
			this.redis.opsForHash().put(this.key, record.id(), this.mapper.writeValueAsString(document));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot serialise the record of instance " + record.id(), ex);
		}
	}

	@Override
	public List<InstanceRecord> instances() {
		List<InstanceRecord> records = new ArrayList<>();
		this.redis.<String, String>opsForHash()
			.entries(this.key)
			.forEach((id, text) -> records.add(record(id, this.json.tree(text))));
		records.sort(Comparator.comparing(InstanceRecord::id));
		return records;
	}

	@Override
	public void remove(String id) {
		this.redis.opsForHash().delete(this.key, id);
	}

	@Override
	public int forget(LocalDateTime lastSeenBefore) {
		int removed = 0;
		for (InstanceRecord record : instances()) {
			if (record.lastSeen().isBefore(lastSeenBefore)) {
				Long deleted = this.redis.opsForHash().delete(this.key, record.id());
				removed += (deleted != null) ? deleted.intValue() : 0;
			}
		}
		return removed;
	}

	private InstanceRecord record(String id, JsonNode node) {
		List<String> gids = new ArrayList<>();
		node.path("pass_gids").forEach((gid) -> gids.add(gid.asText()));
		return new InstanceRecord(id, node.path("version").asText(), node.path("http_port").asInt(),
				node.path("grpc_port").asInt(), node.path("cron").asBoolean(),
				this.json.time(node.path("started_at").asText()), this.json.time(node.path("last_seen").asText()),
				node.path("passes").asInt(), gids);
	}

}
