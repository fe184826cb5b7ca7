package io.dtm.client.barrier;

import java.time.Duration;
import java.util.UUID;

import io.dtm.client.DtmFailure;
import io.dtm.core.BranchOp;
import io.dtm.core.TransType;
import io.dtm.server.testsupport.ExternalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisBarrier} against a real Redis.
 */
@Tag("integration")
class RedisBarrierTests {

	private static LettuceConnectionFactory factory;

	private static StringRedisTemplate redis;

	private static RedisBarrier barrier;

	@BeforeAll
	static void connect() {
		java.net.URI uri = java.net.URI.create(ExternalServices.redis().url());
		factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		factory.afterPropertiesSet();
		factory.start();
		redis = new StringRedisTemplate(factory);
		barrier = new RedisBarrier(redis, Duration.ofMinutes(5));
	}

	@AfterAll
	static void disconnect() {
		factory.destroy();
	}

	@Test
	void whenSameRequestRepeatedShouldAdjustOnce() {
		String key = stock(10);
		String gid = gid();
		assertThat(barrier.checkAdjustAmount(bb(gid, BranchOp.ACTION), key, -3)).isEqualTo(BarrierOutcome.EXECUTED);
		assertThat(barrier.checkAdjustAmount(bb(gid, BranchOp.ACTION), key, -3)).isEqualTo(BarrierOutcome.DUPLICATE);
		assertThat(redis.opsForValue().get(key)).isEqualTo("7");
	}

	@Test
	void whenCompensateArrivesFirstShouldSkipItAndTheLateAction() {
		String key = stock(10);
		String gid = gid();
		assertThat(barrier.checkAdjustAmount(bb(gid, BranchOp.COMPENSATE), key, 3))
			.isEqualTo(BarrierOutcome.NULL_COMPENSATION);
		assertThat(barrier.checkAdjustAmount(bb(gid, BranchOp.ACTION), key, -3)).isEqualTo(BarrierOutcome.HANGING);
		assertThat(redis.opsForValue().get(key)).isEqualTo("10");
	}

	@Test
	void whenAmountWouldGoNegativeShouldRefuseWithoutWriting() {
		String key = stock(2);
		String gid = gid();
		assertThatExceptionOfType(DtmFailure.class)
			.isThrownBy(() -> barrier.checkAdjustAmount(bb(gid, BranchOp.ACTION), key, -3));
		assertThat(barrier.checkAdjustAmount(bb(gid, BranchOp.COMPENSATE), key, 3))
			.isEqualTo(BarrierOutcome.NULL_COMPENSATION);
		assertThat(redis.opsForValue().get(key)).isEqualTo("2");
	}

	@Test
	void whenMsgWorkDoneQueryPreparedShouldSucceedOtherwiseFail() {
		String key = stock(10);
		String done = gid();
		barrier.checkAdjustAmount(BranchBarrier.of(TransType.MSG, done, "00", BranchOp.MSG), key, -1);
		barrier.queryPrepared(done);
		String never = gid();
		assertThatExceptionOfType(DtmFailure.class).isThrownBy(() -> barrier.queryPrepared(never));
		assertThat(barrier.checkAdjustAmount(BranchBarrier.of(TransType.MSG, never, "00", BranchOp.MSG), key, -1))
			.isNotEqualTo(BarrierOutcome.EXECUTED);
		assertThat(redis.opsForValue().get(key)).isEqualTo("9");
	}

	private static String stock(int amount) {
		String key = "dtm-test-stock-" + UUID.randomUUID();
		redis.opsForValue().set(key, Integer.toString(amount), Duration.ofMinutes(5));
		return key;
	}

	private static String gid() {
		return "g-" + UUID.randomUUID();
	}

	private static BranchBarrier bb(String gid, BranchOp op) {
		return BranchBarrier.of(TransType.SAGA, gid, "01", op);
	}

}
