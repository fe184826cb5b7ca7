package io.dtm.server.store.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditEntry;
import io.dtm.server.store.AuditOutcome;
import io.dtm.server.store.AuditTrail;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link AuditTrail} on Redis: a list of JSON entries, newest first (the prefix then
 * {@code _audit}), ids from a counter ({@code _seq_audit}), and per gid or topic a list
 * of its entry ids ({@code _audit_t_<target>}). The list keeps at most
 * {@code dtm.server.audit.redis-max-entries} entries, dropping the oldest; nothing
 * expires. Each operation is one Lua script.
 */
class RedisAuditTrail implements AuditTrail {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisJson json;

	private final ObjectMapper mapper;

	private final RedisScripts scripts;

	private final int maxEntries;

	/**
	 * Create the trail.
	 * @param redis the template
	 * @param keys key names
	 * @param json time format of the store
	 * @param mapper writes the entries
	 * @param scripts the store's scripts
	 * @param maxEntries most entries kept
	 */
	RedisAuditTrail(StringRedisTemplate redis, RedisKeys keys, RedisJson json, ObjectMapper mapper,
			RedisScripts scripts, int maxEntries) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("dtm.server.audit.redis-max-entries must be at least 1");
		}
		this.redis = redis;
		this.keys = keys;
		this.json = json;
		this.mapper = mapper;
		this.scripts = scripts;
		this.maxEntries = maxEntries;
	}

	@Override
	public AuditEntry record(AuditEntry entry) {
		Long id = this.redis.execute(this.scripts.auditRecord, List.of(this.keys.audit()), this.keys.prefix(),
				withoutOpeningBrace(entry), entry.target(), String.valueOf(this.maxEntries));
		if (id == null) {
			throw new IllegalStateException("Redis gave the audit entry no id");
		}
		return entry.withId(id);
	}

	@Override
	public List<AuditEntry> page(Long beforeId, int limit) {
		AuditTrail.checkLimit(limit);
		List<AuditEntry> entries = entries(this.redis.execute(this.scripts.auditPage, List.of(this.keys.audit()),
				this.keys.prefix(), (beforeId != null) ? String.valueOf(beforeId) : "", String.valueOf(limit)));
		return entries.stream().filter((entry) -> beforeId == null || entry.id() < beforeId).toList();
	}

	@Override
	public List<AuditEntry> forTarget(String target) {
		List<AuditEntry> entries = entries(this.redis.execute(this.scripts.auditTarget, List.of(this.keys.audit()),
				this.keys.prefix(), target, String.valueOf(MAX_PAGE)));
		return entries.stream().filter((entry) -> entry.target().equals(target)).toList();
	}

	private List<AuditEntry> entries(List<?> texts) {
		List<AuditEntry> entries = new ArrayList<>();
		if (texts != null) {
			for (Object text : texts) {
				entries.add(entry(this.json.tree((String) text)));
			}
		}
		return entries;
	}

	private AuditEntry entry(JsonNode node) {
		return new AuditEntry(node.path("id").asLong(), this.json.time(node.path("time").asText()),
				node.path("actor").asText(), AuditAction.fromWireValue(node.path("action").asText()),
				node.path("target").asText(), node.path("reason").asText(),
				AuditOutcome.fromWireValue(node.path("outcome").asText()), node.path("detail").asText());
	}

	private String withoutOpeningBrace(AuditEntry entry) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("time", this.json.time(entry.time()));
		document.put("actor", entry.actor());
		document.put("action", entry.action().wireValue());
		document.put("target", entry.target());
		document.put("reason", entry.reason());
		document.put("outcome", entry.outcome().wireValue());
		document.put("detail", entry.detail());
		try {
			return this.mapper.writeValueAsString(document).substring(1);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot serialise the audit entry", ex);
		}
	}

}
