package io.dtm.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link GrpcChannels}: reuse, bounds and shutdown. Channels connect lazily, so
 * none of these tests needs a server.
 */
class GrpcChannelsTests {

	private final AtomicLong nanos = new AtomicLong();

	private final List<ManagedChannel> created = new ArrayList<>();

	private final GrpcChannels channels = new GrpcChannels((authority) -> {
		ManagedChannel channel = NettyChannelBuilder.forTarget(authority).usePlaintext().build();
		this.created.add(channel);
		return channel;
	}, 2, Duration.ofMinutes(10), this.nanos::get);

	@AfterEach
	void close() {
		this.channels.close();
	}

	@Test
	void whenTheSameServerIsAskedForAgainShouldReturnTheSameChannel() {
		ManagedChannel first = this.channels.channel("127.0.0.1:50051");

		assertThat(this.channels.channel("127.0.0.1:50051")).isSameAs(first);
		assertThat(this.channels.channel("127.0.0.1:50052")).isNotSameAs(first);
		assertThat(this.channels.size()).isEqualTo(2);
	}

	@Test
	void whenMoreServersThanTheMaximumAreUsedShouldCloseTheLeastRecentlyUsed() {
		ManagedChannel a = this.channels.channel("127.0.0.1:1");
		this.nanos.addAndGet(1);
		ManagedChannel b = this.channels.channel("127.0.0.1:2");
		this.nanos.addAndGet(1);
		this.channels.channel("127.0.0.1:1");
		this.nanos.addAndGet(1);

		this.channels.channel("127.0.0.1:3");

		assertThat(this.channels.size()).isEqualTo(2);
		assertThat(b.isShutdown()).isTrue();
		assertThat(a.isShutdown()).isFalse();
		assertThat(this.channels.channel("127.0.0.1:1")).isSameAs(a);
	}

	@Test
	void whenAChannelWasUnusedForTheIdleTimeoutShouldCloseItOnTheNextUse() {
		ManagedChannel idle = this.channels.channel("127.0.0.1:1");
		this.nanos.addAndGet(Duration.ofMinutes(11).toNanos());

		ManagedChannel fresh = this.channels.channel("127.0.0.1:2");

		assertThat(idle.isShutdown()).isTrue();
		assertThat(fresh.isShutdown()).isFalse();
		assertThat(this.channels.size()).isOne();
		assertThat(this.channels.channel("127.0.0.1:1")).as("a new channel when used again").isNotSameAs(idle);
	}

	@Test
	void whenClosedShouldShutEveryChannelDownAndRefuseNewOnes() {
		this.channels.channel("127.0.0.1:1");
		this.channels.channel("127.0.0.1:2");

		this.channels.close();

		assertThat(this.created).allMatch(ManagedChannel::isShutdown);
		assertThat(this.channels.size()).isZero();
		assertThatIllegalStateException().isThrownBy(() -> this.channels.channel("127.0.0.1:1"))
			.withMessageContaining("closed");
	}

	@Test
	void whenBuiltFromSettingsShouldCreatePlaintextChannelsLazily() {
		try (GrpcChannels netty = new GrpcChannels(
				new GrpcChannels.Settings(false, 4, Duration.ofMinutes(1), Duration.ofMinutes(5)))) {
			ManagedChannel channel = netty.channel("127.0.0.1:1");
			assertThat(channel.authority()).isEqualTo("127.0.0.1:1");
			assertThat(channel.isShutdown()).isFalse();
		}
	}

}
