package io.dtm.server.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import io.dtm.server.engine.GrpcChannels;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How the coordinator calls gRPC branches, under {@code dtm.server.grpc.client}.
 * Durations without a unit are read as seconds.
 */
@Validated
@ConfigurationProperties("dtm.server.grpc.client")
public class GrpcClientProperties {

	/**
	 * Whether gRPC branches are called over TLS, trusting the JVM's default certificate
	 * authorities, instead of plaintext. Applies to every gRPC branch.
	 */
	private boolean tls;

	/**
	 * Most channels (one per participant host:port) kept open; above it the least
	 * recently used channel is closed.
	 */
	@Min(1)
	private int maxChannels = 256;

	/**
	 * How long a channel no call used is kept before it is closed.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	@DurationMin(seconds = 1)
	private Duration idleTimeout = Duration.ofMinutes(10);

	/**
	 * Interval of HTTP/2 keep-alive pings while calls are in flight. gRPC servers refuse
	 * pings more often than every 5 minutes unless configured otherwise.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	@DurationMin(seconds = 10)
	private Duration keepAliveTime = Duration.ofMinutes(5);

	public boolean isTls() {
		return this.tls;
	}

	public void setTls(boolean tls) {
		this.tls = tls;
	}

	public int getMaxChannels() {
		return this.maxChannels;
	}

	public void setMaxChannels(int maxChannels) {
		this.maxChannels = maxChannels;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getKeepAliveTime() {
		return this.keepAliveTime;
	}

	public void setKeepAliveTime(Duration keepAliveTime) {
		this.keepAliveTime = keepAliveTime;
	}

	/**
	 * The settings of the channel pool.
	 * @return the settings
	 */
	public GrpcChannels.Settings channelSettings() {
		return new GrpcChannels.Settings(this.tls, this.maxChannels, this.idleTimeout, this.keepAliveTime);
	}

}
