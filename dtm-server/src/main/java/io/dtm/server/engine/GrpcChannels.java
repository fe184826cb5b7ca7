package io.dtm.server.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels gRPC branches are called on: one {@link ManagedChannel} per
 * {@code host:port}, created on first use and reused by every later call (a channel
 * multiplexes concurrent calls over one HTTP/2 connection). The pool is bounded: a
 * channel unused for longer than the idle timeout is shut down and forgotten when the
 * pool is next used, and when more than the maximum number of channels are open the least
 * recently used one is shut down. Shutting a channel down lets the calls in flight on it
 * finish. {@link #close()} shuts every channel down.
 */
public class GrpcChannels implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(GrpcChannels.class);

	private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final Object lock = new Object();

	private final Map<String, Pooled> channels = new HashMap<>();

	private final Function<String, ManagedChannel> factory;

	private final int maxChannels;

	private final long idleNanos;

	private final LongSupplier ticker;

	private long lastSweep;

	private boolean closed;

	/**
	 * A pool of Netty channels.
	 * @param settings how channels are built and how many are kept
	 */
	public GrpcChannels(Settings settings) {
		this((authority) -> netty(authority, settings), settings.maxChannels(), settings.idleTimeout(),
				System::nanoTime);
	}

	/**
	 * A pool of channels from a factory.
	 * @param factory builds the channel of a {@code host:port}
	 * @param maxChannels most channels kept open
	 * @param idleTimeout how long an unused channel is kept
	 * @param ticker the time in nanoseconds
	 */
	GrpcChannels(Function<String, ManagedChannel> factory, int maxChannels, Duration idleTimeout, LongSupplier ticker) {
		this.factory = factory;
		this.maxChannels = Math.max(1, maxChannels);
		this.idleNanos = idleTimeout.toNanos();
		this.ticker = ticker;
		this.lastSweep = ticker.getAsLong();
	}

	/**
	 * The channel to a server, created on first use.
	 * @param authority {@code host:port}
	 * @return the channel
	 * @throws IllegalStateException when the pool is closed
	 */
	public ManagedChannel channel(String authority) {
		List<ManagedChannel> retired = new ArrayList<>();
		ManagedChannel channel;
		synchronized (this.lock) {
			if (this.closed) {
				throw new IllegalStateException("the gRPC channel pool is closed (shutting down)");
			}
			long now = this.ticker.getAsLong();
			Pooled pooled = this.channels.get(authority);
			if (pooled == null || pooled.channel.isShutdown()) {
				pooled = new Pooled(this.factory.apply(authority));
				this.channels.put(authority, pooled);
				logger.debug("gRPC channel to {} created ({} open)", authority, this.channels.size());
			}
			pooled.lastUsed = now;
			if (this.channels.size() > this.maxChannels || now - this.lastSweep >= SWEEP_INTERVAL_NANOS) {
				retire(now, retired);
			}
			channel = pooled.channel;
		}
		retired.forEach(ManagedChannel::shutdown);
		return channel;
	}

	/**
	 * How many channels are open.
	 * @return the number of pooled channels
	 */
	public int size() {
		synchronized (this.lock) {
			return this.channels.size();
		}
	}

	/**
	 * Shut every channel down, waiting briefly for calls in flight; later calls to
	 * {@link #channel(String)} fail.
	 */
	@Override
	public void close() {
		List<ManagedChannel> all;
		synchronized (this.lock) {
			this.closed = true;
			all = this.channels.values().stream().map((pooled) -> pooled.channel).toList();
			this.channels.clear();
		}
		all.forEach(ManagedChannel::shutdown);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		for (ManagedChannel channel : all) {
			try {
				if (!channel.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					channel.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				channel.shutdownNow();
			}
		}
	}

	private void retire(long now, List<ManagedChannel> retired) {
		this.lastSweep = now;
		this.channels.entrySet().removeIf((entry) -> {
			boolean idle = now - entry.getValue().lastUsed > this.idleNanos;
			if (idle) {
				logger.debug("gRPC channel to {} closed: unused for {}", entry.getKey(),
						Duration.ofNanos(now - entry.getValue().lastUsed));
				retired.add(entry.getValue().channel);
			}
			return idle;
		});
		while (this.channels.size() > this.maxChannels) {
			Map.Entry<String, Pooled> oldest = this.channels.entrySet()
				.stream()
				.min(Comparator.comparingLong((entry) -> entry.getValue().lastUsed))
				.orElseThrow();
			logger.debug("gRPC channel to {} closed: more than {} channels open", oldest.getKey(), this.maxChannels);
			retired.add(oldest.getValue().channel);
			this.channels.remove(oldest.getKey());
		}
	}

	private static ManagedChannel netty(String authority, Settings settings) {
		NettyChannelBuilder builder = NettyChannelBuilder.forTarget(authority)
			.keepAliveTime(settings.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
			.keepAliveTimeout(20, TimeUnit.SECONDS)
			.keepAliveWithoutCalls(false)
			.idleTimeout(settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS)
			.userAgent("dtm-java");
		if (settings.tls()) {
			builder.useTransportSecurity();
		}
		else {
			builder.usePlaintext();
		}
		return builder.build();
	}

	/**
	 * How channels are built and how many are kept.
	 *
	 * @param tls whether to use TLS (trusting the JVM's default CAs) instead of plaintext
	 * @param maxChannels most channels kept open
	 * @param idleTimeout how long an unused channel is kept
	 * @param keepAliveTime interval of HTTP/2 keep-alive pings while calls are in flight
	 */
	public record Settings(boolean tls, int maxChannels, Duration idleTimeout, Duration keepAliveTime) {

	}

	private static final class Pooled {

		private final ManagedChannel channel;

		private long lastUsed;

		Pooled(ManagedChannel channel) {
			this.channel = channel;
		}

	}

}
