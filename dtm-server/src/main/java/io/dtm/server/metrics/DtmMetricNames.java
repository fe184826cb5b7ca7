package io.dtm.server.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;

/**
 * Keeps dtm's metric names on the wire while the latencies are Micrometer {@code Timer}s.
 * Prometheus naming appends {@code _seconds} to a timer's name; dtm's dashboards query
 * {@code dtm_server_response_duration} and {@code dtm_transaction_handled_duration}
 * (already in seconds), so for {@code dtm.*} timers the suffix is left off. Every other
 * meter is named by the wrapped convention.
 */
public final class DtmMetricNames implements NamingConvention {

	/** dtm's Prometheus default histogram buckets. */
	static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

	private static final String PREFIX = "dtm.";

	private final NamingConvention delegate;

	/**
	 * Wrap a registry's naming convention.
	 * @param delegate the convention used for everything but the name of {@code dtm.*}
	 * timers
	 */
	public DtmMetricNames(NamingConvention delegate) {
		this.delegate = delegate;
	}

	@Override
	public String name(String name, Meter.Type type, String baseUnit) {
		if (type == Meter.Type.TIMER && name.startsWith(PREFIX)) {
			return this.delegate.name(name, Meter.Type.OTHER, null);
		}
		return this.delegate.name(name, type, baseUnit);
	}

	@Override
	public String tagKey(String key) {
		return this.delegate.tagKey(key);
	}

	@Override
	public String tagValue(String value) {
		return this.delegate.tagValue(value);
	}

}
