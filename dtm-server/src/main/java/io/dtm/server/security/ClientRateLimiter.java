package io.dtm.server.security;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: each holds up to {@code burst} calls and refills at
 * {@code ratePerSecond}. Buckets of clients idle long enough to be full again are dropped
 * when the map grows, so a scan from many addresses cannot grow it without bound.
 */
public final class ClientRateLimiter {

	private static final int PRUNE_ABOVE = 10_000;

	private final double ratePerNano;

	private final double burst;

	private final LongSupplier nanoTime;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/**
	 * A limiter.
	 * @param ratePerSecond calls per second per client, above 0
	 * @param burst calls a client may make at once
	 * @param nanoTime the clock
	 */
	public ClientRateLimiter(int ratePerSecond, int burst, LongSupplier nanoTime) {
		if (ratePerSecond <= 0 || burst <= 0) {
			throw new IllegalArgumentException("rate and burst must be positive");
		}
		this.ratePerNano = ratePerSecond / 1e9;
		this.burst = burst;
		this.nanoTime = nanoTime;
	}

	/**
	 * Take one call from a client's bucket.
	 * @param client the client address
	 * @return whether the call may go on
	 */
	public boolean tryAcquire(String client) {
		long now = this.nanoTime.getAsLong();
		if (this.buckets.size() > PRUNE_ABOVE) {
			prune(now);
		}
		Bucket bucket = this.buckets.computeIfAbsent((client != null) ? client : "",
				(key) -> new Bucket(this.burst, now));
		synchronized (bucket) {
			bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.last) * this.ratePerNano);
			bucket.last = now;
			if (bucket.tokens < 1) {
				return false;
			}
			bucket.tokens -= 1;
			return true;
		}
	}

	private void prune(long now) {
		for (Iterator<Bucket> it = this.buckets.values().iterator(); it.hasNext();) {
			Bucket bucket = it.next();
			if (bucket.tokens + (now - bucket.last) * this.ratePerNano >= this.burst) {
				it.remove();
			}
		}
	}

	private static final class Bucket {

		private double tokens;

		private long last;

		Bucket(double tokens, long last) {
			this.tokens = tokens;
			this.last = last;
		}

	}

}
