package io.dtm.server.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.StatusChange;
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
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisTransStore} beyond the shared store contract: dtm's key layout
 * and JSON, retention, index pruning and branch lookup by id, on a real Redis.
 */
@Tag("integration")
class RedisTransStoreLayoutTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static LettuceConnectionFactory factory;

	private static StringRedisTemplate redis;

	private final String prefix = "{t" + UUID.randomUUID().toString().substring(0, 8) + "}";

	private final RedisTransStore store = RedisStoreFixture.store(factory, this.prefix, Duration.ofHours(2),
			Duration.ofMinutes(30), "test");

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
	void saveNewShouldWriteDtmKeyLayoutAndJson() throws Exception {
		String gid = gid();
		assertThat(this.store.saveNew(global(gid, GlobalStatus.SUBMITTED), sagaBranches(gid))).isTrue();
		assertThat(redis.opsForValue().get(this.prefix + "_s_" + gid)).isEqualTo("submitted");
		assertThat(redis.opsForZSet().score(this.prefix + "_u", gid))
			.isEqualTo((double) this.now.plusSeconds(10).atZone(ZoneId.systemDefault()).toEpochSecond());
		String globalText = redis.opsForValue().get(this.prefix + "_g_" + gid);
		assertThat(globalText).startsWith("{\"id\":");
		JsonNode global = JSON.readTree(globalText);
		assertThat(global.path("id").asLong()).isPositive();
		assertThat(global.path("gid").asText()).isEqualTo(gid);
		assertThat(global.path("trans_type").asText()).isEqualTo("saga");
		assertThat(global.path("status").asText()).isEqualTo("submitted");
		assertThat(global.path("protocol").asText()).isEqualTo("http");
		assertThat(global.path("next_cron_interval").asLong()).isEqualTo(10);
		assertThat(global.path("next_cron_time").asText())
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
		assertThat(global.path("options").asText()).contains("\"timeout_to_fail\":60");
		assertThat(global.has("finish_time")).as("empty values are left out, as Go's omitempty does").isFalse();
		List<String> branches = redis.opsForList().range(this.prefix + "_b_" + gid, 0, -1);
		assertThat(branches).hasSize(2);
		JsonNode action = JSON.readTree(branches.get(1));
		assertThat(action.path("branch_id").asText()).isEqualTo("01");
		assertThat(action.path("op").asText()).isEqualTo("action");
		assertThat(action.path("status").asText()).isEqualTo("prepared");
		assertThat(new String(Base64.getDecoder().decode(action.path("bin_data").asText()), StandardCharsets.UTF_8))
			.isEqualTo("{\"amount\":30}");
		assertThat(action.path("id").asLong()).isEqualTo(JSON.readTree(branches.get(0)).path("id").asLong() + 1);
		for (String key : List.of("_g_", "_b_", "_s_")) {
			assertThat(redis.getExpire(this.prefix + key + gid)).as(key)
				.isBetween(Duration.ofHours(2).minusMinutes(1).toSeconds(), Duration.ofHours(2).toSeconds());
		}
	}

	@Test
	void changeStatusWhenFinishedShouldLeaveScheduleAndShortenRetention() throws Exception {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED), sagaBranches(gid));
		assertThat(this.store.changeStatus(
				new StatusChange(gid, GlobalStatus.SUBMITTED, GlobalStatus.SUCCEED, null, this.now.plusSeconds(3))))
			.isTrue();
		assertThat(redis.opsForZSet().score(this.prefix + "_u", gid)).isNull();
		assertThat(redis.opsForValue().get(this.prefix + "_s_" + gid)).isEqualTo("succeed");
		JsonNode global = JSON.readTree(redis.opsForValue().get(this.prefix + "_g_" + gid));
		assertThat(global.path("status").asText()).isEqualTo("succeed");
		assertThat(global.path("finish_time").asText()).isNotEmpty();
		assertThat(global.path("gid").asText()).isEqualTo(gid);
		for (String key : List.of("_g_", "_b_", "_s_")) {
			assertThat(redis.getExpire(this.prefix + key + gid)).as(key)
				.isBetween(Duration.ofMinutes(29).toSeconds(), Duration.ofMinutes(30).toSeconds());
		}
		GlobalTrans stored = this.store.find(gid).orElseThrow();
		assertThat(stored.finishTime()).isEqualTo(this.now.plusSeconds(3));
		assertThat(stored.options().branchHeaders()).containsEntry("X-Test", "1");
	}

	@Test
	void updateBranchStatusWhenRegistrationsInterleaveShouldFindEachRowById() {
		String a = gid();
		String b = gid();
		this.store.saveNew(global(a, GlobalStatus.PREPARED), List.of());
		this.store.saveNew(global(b, GlobalStatus.PREPARED), List.of());
		for (String branchId : List.of("01", "02", "03", "04", "05")) {
			this.store.registerBranches(a, tccBranches(a, branchId), this.now);
			this.store.registerBranches(b, tccBranches(b, branchId), this.now);
		}
		List<Branch> ofA = this.store.findBranches(a);
		assertThat(ofA).hasSize(10);
		assertThat(ofA.get(2).id() - ofA.get(1).id()).as("ids of one transaction are not consecutive").isGreaterThan(1);
		for (Branch branch : ofA) {
			assertThat(this.store.updateBranchStatus(branch, BranchStatus.SUCCEED, GlobalStatus.PREPARED, this.now))
				.isTrue();
		}
		assertThat(this.store.findBranches(a)).allMatch((branch) -> branch.status() == BranchStatus.SUCCEED);
		assertThat(this.store.findBranches(b)).allMatch((branch) -> branch.status() == BranchStatus.PREPARED);
		Branch foreign = this.store.findBranches(b).get(3);
		Branch misdirected = new Branch(foreign.id(), a, foreign.url(), foreign.binData(), foreign.branchId(),
				foreign.op(), foreign.status(), foreign.createTime(), foreign.updateTime(), null, null);
		assertThat(this.store.updateBranchStatus(misdirected, BranchStatus.FAILED, GlobalStatus.PREPARED, this.now))
			.isFalse();
		assertThat(this.store.findBranches(b).get(3).status()).isEqualTo(BranchStatus.PREPARED);
	}

	@Test
	void pruningWhenFinishedDataExpiredShouldDropIndexEntries() {
		RedisTransStore shortLived = RedisStoreFixture.store(factory, this.prefix, Duration.ofHours(2),
				Duration.ofSeconds(1), "test");
		String gid = gid();
		shortLived.saveNew(global(gid, GlobalStatus.SUCCEED), sagaBranches(gid));
		assertThat(redis.opsForZSet().score(this.prefix + "_all", gid)).isNotNull();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !Boolean.TRUE.equals(redis.hasKey(this.prefix + "_g_" + gid)));
		assertThat(redis.hasKey(this.prefix + "_b_" + gid)).isFalse();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
			shortLived.saveNew(global(gid(), GlobalStatus.SUCCEED), List.of());
			return redis.opsForZSet().score(this.prefix + "_all", gid) == null;
		});
		assertThat(redis.opsForZSet().score(this.prefix + "_exp", gid)).isNull();
	}

	@Test
	void leaseDueWhenDataOfAScheduledTransactionIsGoneShouldDropItsScheduleEntry() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED), List.of());
		redis.delete(List.of(this.prefix + "_g_" + gid, this.prefix + "_s_" + gid));
		assertThat(this.store.leaseDue(this.now.plusMinutes(1), Duration.ofSeconds(10), "owner")).isEmpty();
		assertThat(redis.opsForZSet().score(this.prefix + "_u", gid)).isNull();
	}

	@Test
	void kvShouldUseDtmKeyLayout() throws Exception {
		assertThat(this.store.createKv("topics", "orders", "[\"http://a/b\"]", this.now)).isTrue();
		JsonNode kv = JSON.readTree(redis.opsForValue().get(this.prefix + "_kv_topics_orders"));
		assertThat(kv.path("cat").asText()).isEqualTo("topics");
		assertThat(kv.path("k").asText()).isEqualTo("orders");
		assertThat(kv.path("v").asText()).isEqualTo("[\"http://a/b\"]");
		assertThat(kv.path("version").asLong()).isEqualTo(1);
		assertThat(this.store.updateKv("topics", "orders", "[]", 1, this.now)).isTrue();
		assertThat(JSON.readTree(redis.opsForValue().get(this.prefix + "_kv_topics_orders")).path("version").asLong())
			.isEqualTo(2);
		assertThat(redis.getExpire(this.prefix + "_kv_topics_orders")).as("KV rows do not expire").isEqualTo(-1);
	}

	@Test
	void hashTagWhenPrefixHasBracesShouldBeRecognised() {
		assertThat(new RedisKeys("{a}").isHashTag()).isTrue();
		assertThat(new RedisKeys("dtm{prod}").isHashTag()).isTrue();
		assertThat(new RedisKeys("dtm").isHashTag()).isFalse();
		assertThat(new RedisKeys("{}").isHashTag()).isFalse();
	}

	private static String gid() {
		return "l-" + UUID.randomUUID();
	}

	private GlobalTrans global(String gid, GlobalStatus status) {
		TransOptions options = new TransOptions(false, 60, 0, 0, java.util.Map.of("X-Test", "1"), false, 0, 0);
		return new GlobalTrans(0, gid, TransType.SAGA, status, "", "http", this.now, this.now, null, null, options, "",
				10, this.now.plusSeconds(10), "", "", "", "");
	}

	private List<Branch> sagaBranches(String gid) {
		byte[] payload = "{\"amount\":30}".getBytes(StandardCharsets.UTF_8);
		return List.of(Branch.newBranch(gid, "http://p/c1", payload, "01", BranchOp.COMPENSATE, this.now),
				Branch.newBranch(gid, "http://p/a1", payload, "01", BranchOp.ACTION, this.now));
	}

	private List<Branch> tccBranches(String gid, String branchId) {
		return List.of(Branch.newBranch(gid, "http://p/cancel", new byte[0], branchId, BranchOp.CANCEL, this.now),
				Branch.newBranch(gid, "http://p/confirm", new byte[0], branchId, BranchOp.CONFIRM, this.now));
	}

}
