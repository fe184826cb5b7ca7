package io.dtm.server.store.redis;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.KvRecord;
import io.dtm.server.store.OptionsCodec;

/**
 * The JSON documents of the Redis store, shaped like dtm's Go structs
 * ({@code TransGlobalStore}, {@code TransBranchStore}, {@code KVStore}): snake_case
 * names, empty values left out, RFC 3339 times with the coordinator's offset, payloads in
 * base64. Documents are written without their {@code "id"}; the Lua script that assigns
 * the id prepends it, so the id is always the first member.
 */
final class RedisJson {

	private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private final ObjectMapper mapper;

	private final OptionsCodec options;

	private final ZoneId zone;

	RedisJson(ObjectMapper mapper, OptionsCodec options, ZoneId zone) {
		this.mapper = mapper;
		this.options = options;
		this.zone = zone;
	}

	String globalWithoutId(GlobalTrans g) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("create_time", time(g.createTime()));
		json.put("update_time", time(g.updateTime()));
		putText(json, "gid", g.gid());
		putText(json, "trans_type", g.transType().wireValue());
		putText(json, "status", g.status().wireValue());
		putText(json, "query_prepared", g.queryPrepared());
		putText(json, "protocol", g.protocol());
		putText(json, "finish_time", time(g.finishTime()));
		putText(json, "rollback_time", time(g.rollbackTime()));
		putText(json, "options", this.options.write(g.options()));
		putText(json, "custom_data", g.customData());
		if (g.nextCronInterval() != 0) {
			json.put("next_cron_interval", g.nextCronInterval());
		}
		putText(json, "next_cron_time", time(g.nextCronTime()));
		putText(json, "owner", g.owner());
		putText(json, "ext_data", g.extData());
		putText(json, "result", g.result());
		putText(json, "rollback_reason", g.rollbackReason());
		return withoutOpeningBrace(json);
	}

	GlobalTrans global(String text) {
		JsonNode json = parse(text);
		return new GlobalTrans(json.path("id").asLong(), text(json, "gid"),
				TransType.fromWireValue(text(json, "trans_type")), GlobalStatus.fromWireValue(text(json, "status")),
				text(json, "query_prepared"), text(json, "protocol"), time(json, "create_time"),
				time(json, "update_time"), time(json, "finish_time"), time(json, "rollback_time"),
				this.options.read(text(json, "options")), text(json, "custom_data"),
				json.path("next_cron_interval").asLong(), time(json, "next_cron_time"), text(json, "owner"),
				text(json, "ext_data"), text(json, "result"), text(json, "rollback_reason"));
	}

	String branchWithoutId(Branch b) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("create_time", time(b.createTime()));
		json.put("update_time", time(b.updateTime()));
		putText(json, "gid", b.gid());
		putText(json, "url", b.url());
		if (b.binData() != null && b.binData().length > 0) {
			json.put("bin_data", Base64.getEncoder().encodeToString(b.binData()));
		}
		putText(json, "branch_id", b.branchId());
		putText(json, "op", b.op().wireValue());
		putText(json, "status", b.status().wireValue());
		putText(json, "finish_time", time(b.finishTime()));
		putText(json, "rollback_time", time(b.rollbackTime()));
		return withoutOpeningBrace(json);
	}

	Branch branch(String text) {
		JsonNode json = parse(text);
		String data = text(json, "bin_data");
		return new Branch(json.path("id").asLong(), text(json, "gid"), text(json, "url"),
				data.isEmpty() ? new byte[0] : Base64.getDecoder().decode(data), text(json, "branch_id"),
				BranchOp.fromWireValue(text(json, "op")), BranchStatus.fromWireValue(text(json, "status")),
				time(json, "create_time"), time(json, "update_time"), time(json, "finish_time"),
				time(json, "rollback_time"));
	}

	String kvWithoutId(String cat, String key, String value, LocalDateTime now) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("create_time", time(now));
		json.put("update_time", time(now));
		json.put("cat", cat);
		json.put("k", key);
		json.put("v", value);
		json.put("version", 1);
		return withoutOpeningBrace(json);
	}

	KvRecord kv(String text) {
		JsonNode json = parse(text);
		return new KvRecord(json.path("id").asLong(), text(json, "cat"), text(json, "k"), text(json, "v"),
				json.path("version").asLong(1), time(json, "create_time"), time(json, "update_time"));
	}

	/**
	 * A time as dtm writes it, truncated to seconds.
	 * @param time the time or {@code null}
	 * @return the text or {@code null}
	 */
	String time(LocalDateTime time) {
		return (time != null) ? time.truncatedTo(ChronoUnit.SECONDS).atZone(this.zone).format(RFC_3339) : null;
	}

	/**
	 * A time as a sorted-set score: unix seconds, as dtm scores {@code _u}.
	 * @param time the time
	 * @return the score
	 */
	long score(LocalDateTime time) {
		return time.atZone(this.zone).toEpochSecond();
	}

	/**
	 * A time written by {@link #time(LocalDateTime)}, in the coordinator's zone.
	 * @param text the text, may be empty
	 * @return the time, or {@code null} for an empty text
	 */
	LocalDateTime time(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		return OffsetDateTime.parse(text).atZoneSameInstant(this.zone).toLocalDateTime();
	}

	/**
	 * Parse a document of dtm-java's own keys.
	 * @param text the JSON
	 * @return the tree
	 */
	JsonNode tree(String text) {
		return parse(text);
	}

	private LocalDateTime time(JsonNode json, String field) {
		return time(text(json, field));
	}

	private static String text(JsonNode json, String field) {
		JsonNode node = json.get(field);
		return (node == null || node.isNull()) ? "" : node.asText();
	}

	private static void putText(Map<String, Object> json, String field, String value) {
		if (value != null && !value.isEmpty()) {
			json.put(field, value);
		}
	}

	private JsonNode parse(String text) {
		try {
			return this.mapper.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("stored Redis document is not valid JSON: " + abbreviate(text), ex);
		}
	}

	private String withoutOpeningBrace(Map<String, Object> json) {
		try {
			return this.mapper.writeValueAsString(json).substring(1);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot serialise " + json.get("gid"), ex);
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
