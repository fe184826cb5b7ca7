package io.dtm.server.store.redis;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditEntry;
import io.dtm.server.store.AuditOutcome;
import io.dtm.server.testsupport.ExternalServices;
import io.dtm.server.testsupport.RedisKeyCleaner;
import io.dtm.server.testsupport.RedisTestConnections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisAuditTrail} beyond the shared contract: its keys and JSON, the
 * maximum number of entries, and that nothing expires, on a real Redis.
 */
@Tag("integration")
class RedisAuditTrailLayoutTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static LettuceConnectionFactory factory;

	private static StringRedisTemplate redis;

	private final String prefix = "{t" + UUID.randomUUID().toString().substring(0, 8) + "}";

	private final LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeAll
	static void connect() {
		factory = RedisTestConnections.shared();
		redis = RedisStoreFixture.template(factory);
	}

	@AfterAll
	static void disconnect() {
		factory.destroy();
	}

	@AfterEach
	void deleteKeys() {
		RedisKeyCleaner.delete(ExternalServices.redis().url(), this.prefix);
	}

	@Test
	void recordShouldPushJsonWithTheIdFirstIndexTheTargetAndNeverExpire() throws Exception {
		RedisAuditTrail trail = RedisStoreFixture.auditTrail(factory, this.prefix, 100);

		AuditEntry recorded = trail.record(entry("g1", AuditOutcome.REFUSED));

		String text = redis.opsForList().index(this.prefix + "_audit", 0);
		assertThat(text).startsWith("{\"id\":" + recorded.id() + ",");
		JsonNode json = JSON.readTree(text);
		assertThat(json.path("actor").asText()).isEqualTo("carol");
		assertThat(json.path("action").asText()).isEqualTo("force_stop");
		assertThat(json.path("target").asText()).isEqualTo("g1");
		assertThat(json.path("outcome").asText()).isEqualTo("refused");
		assertThat(json.path("detail").asText()).isEqualTo("no such gid");
		assertThat(json.path("time").asText())
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
		assertThat(redis.opsForList().range(this.prefix + "_audit_t_g1", 0, -1))
			.containsExactly(String.valueOf(recorded.id()));
		for (String key : List.of("_audit", "_seq_audit", "_audit_t_g1")) {
			assertThat(redis.getExpire(this.prefix + key)).as(key).isEqualTo(-1);
		}
	}

	@Test
	void recordWhenTheMaximumIsReachedShouldDropTheOldestEntriesAndTheirIndexEntries() {
		RedisAuditTrail trail = RedisStoreFixture.auditTrail(factory, this.prefix, 5);
		List<AuditEntry> recorded = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			recorded.add(trail.record(entry((i % 2 == 0) ? "even" : "odd", AuditOutcome.DONE)));
		}

		assertThat(redis.opsForList().size(this.prefix + "_audit")).isEqualTo(5);
		assertThat(trail.page(null, 10)).containsExactly(recorded.get(7), recorded.get(6), recorded.get(5),
				recorded.get(4), recorded.get(3));
		assertThat(trail.forTarget("even")).containsExactly(recorded.get(6), recorded.get(4));
		assertThat(trail.forTarget("odd")).containsExactly(recorded.get(7), recorded.get(5), recorded.get(3));
		assertThat(redis.opsForList().size(this.prefix + "_audit_t_even")).isEqualTo(2);
		assertThat(redis.opsForList().size(this.prefix + "_audit_t_odd")).isEqualTo(3);
	}

	@Test
	void recordWhenTheMaximumWasLoweredShouldTrimAndReadPastTheIndexEntriesLeftBehind() {
		RedisAuditTrail large = RedisStoreFixture.auditTrail(factory, this.prefix, 1000);
		List<AuditEntry> recorded = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			recorded.add(large.record(entry("g", AuditOutcome.DONE)));
		}
		RedisAuditTrail small = RedisStoreFixture.auditTrail(factory, this.prefix, 3);

		AuditEntry last = small.record(entry("g", AuditOutcome.DONE));

		assertThat(redis.opsForList().size(this.prefix + "_audit")).isEqualTo(3);
		assertThat(small.forTarget("g")).containsExactly(last, recorded.get(149), recorded.get(148));
		assertThat(small.page(last.id(), 10)).containsExactly(recorded.get(149), recorded.get(148));
	}

	private AuditEntry entry(String target, AuditOutcome outcome) {
		return AuditEntry.of(this.now, "carol", AuditAction.FORCE_STOP, target, "", outcome,
				(outcome == AuditOutcome.REFUSED) ? "no such gid" : "");
	}

}
