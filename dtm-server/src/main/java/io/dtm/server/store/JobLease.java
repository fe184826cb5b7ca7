package io.dtm.server.store;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A named lease that one coordinator instance at a time holds, for background jobs that
 * the instances sharing a store must not run side by side (the retention cleanup). The
 * holder renews it by acquiring it again before it expires; once it has expired any
 * instance can take it.
 */
public interface JobLease {

	/**
	 * Take the lease, or renew it when this owner holds it already.
	 * @param name the job
	 * @param owner who asks (unique per instance)
	 * @param now the store's time
	 * @param duration how long the lease lasts from now
	 * @return whether the owner holds the lease now
	 */
	boolean acquire(String name, String owner, LocalDateTime now, Duration duration);

	/**
	 * Give the lease up, if this owner holds it.
	 * @param name the job
	 * @param owner who holds it
	 */
	void release(String name, String owner);

}
