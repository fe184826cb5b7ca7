package io.dtm.server.store.redis;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.store.BranchCallFailure;
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
 * Tests for {@link RedisBranchCallLog} beyond the shared contract: its key, its JSON and
 * that it expires with the transaction, on a real Redis.
 */
@Tag("integration")
class RedisBranchCallLogLayoutTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static LettuceConnectionFactory factory;

	private static StringRedisTemplate redis;

	private final String prefix = "{t" + UUID.randomUUID().toString().substring(0, 8) + "}";

	private final RedisTransStore store = RedisStoreFixture.store(factory, this.prefix, Duration.ofHours(2),
			Duration.ofMinutes(30), "test");

	private final RedisBranchCallLog log = RedisStoreFixture.callLog(factory, this.prefix, Duration.ofHours(2));

	private final LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

	private final BranchCallFailure failure = new BranchCallFailure(BranchOutcome.ERROR, "500", "HTTP 500 boom");

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
	void recordShouldWriteOneJsonPerBranchOperationInTheTransactionsHash() throws Exception {
		String gid = gid();
		this.log.recordFailedCall(gid, "01", BranchOp.ACTION, this.failure, this.now);
		this.log.recordFailedCall(gid, "01", BranchOp.ACTION, this.failure, this.now);

		String key = this.prefix + "_bc_" + gid;
		assertThat(redis.opsForHash().keys(key)).containsExactly("01|action");
		JsonNode record = JSON.readTree((String) redis.opsForHash().get(key, "01|action"));
		assertThat(record.path("failed_calls").asLong()).isEqualTo(2);
		assertThat(record.path("branch_id").asText()).isEqualTo("01");
		assertThat(record.path("op").asText()).isEqualTo("action");
		assertThat(record.path("last_outcome").asText()).isEqualTo("ERROR");
		assertThat(record.path("last_code").asText()).isEqualTo("500");
		assertThat(record.path("last_error").asText()).isEqualTo("HTTP 500 boom");
		assertThat(record.path("last_time").asText())
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
	}

	@Test
	void recordShouldExpireWithTheTransactionAndFollowItsRetention() {
		String gid = gid();
		this.store.saveNew(global(gid, GlobalStatus.SUBMITTED), List.of());
		this.log.recordFailedCall(gid, "01", BranchOp.ACTION, this.failure, this.now);
		assertThat(redis.getExpire(this.prefix + "_bc_" + gid))
			.isBetween(Duration.ofHours(2).minusMinutes(1).toSeconds(), Duration.ofHours(2).toSeconds());

		this.store.changeStatus(
				new StatusChange(gid, GlobalStatus.SUBMITTED, GlobalStatus.SUCCEED, null, this.now.plusSeconds(1)));

		assertThat(redis.getExpire(this.prefix + "_bc_" + gid)).as("shortened with the finished transaction")
			.isBetween(Duration.ofMinutes(29).toSeconds(), Duration.ofMinutes(30).toSeconds());
	}

	@Test
	void recordWhenTheTransactionIsUnknownShouldExpireAfterDataExpire() {
		String gid = gid();
		RedisBranchCallLog shortLog = RedisStoreFixture.callLog(factory, this.prefix, Duration.ofMinutes(5));

		shortLog.recordFailedCall(gid, "00", BranchOp.MSG, this.failure, this.now);

		assertThat(redis.getExpire(this.prefix + "_bc_" + gid)).isBetween(Duration.ofMinutes(4).toSeconds(),
				Duration.ofMinutes(5).toSeconds());
	}

	@Test
	void recordWhenTheTransactionsDataExpiresShouldBeGoneToo() {
		RedisTransStore shortLived = RedisStoreFixture.store(factory, this.prefix, Duration.ofHours(2),
				Duration.ofSeconds(2), "test");
		String gid = gid();
		shortLived.saveNew(global(gid, GlobalStatus.SUCCEED), List.of());
		this.log.recordFailedCall(gid, "01", BranchOp.ACTION, this.failure, this.now);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !Boolean.TRUE.equals(redis.hasKey(this.prefix + "_g_" + gid)));
		assertThat(this.log.find(gid)).isEmpty();
	}

	private static String gid() {
		return "c-" + UUID.randomUUID();
	}

	private GlobalTrans global(String gid, GlobalStatus status) {
		TransOptions options = new TransOptions(false, 60, 0, 0, java.util.Map.of(), false, 0, 0);
		return new GlobalTrans(0, gid, TransType.SAGA, status, "", "http", this.now, this.now, null, null, options, "",
				10, this.now.plusSeconds(10), "", "", "", "");
	}

}
