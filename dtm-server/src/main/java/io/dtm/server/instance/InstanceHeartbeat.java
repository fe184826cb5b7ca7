package io.dtm.server.instance;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.dtm.server.config.DtmExecutors;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.store.InstanceRecord;
import io.dtm.server.store.InstanceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps this instance's record in the {@link InstanceRegistry}: written when the
 * application has started (its servers bound their ports) and every heartbeat interval
 * after, with the gids of the passes in progress; removed on shutdown. Each heartbeat
 * also forgets the records of instances lost for longer than the forget-after setting. A
 * failed heartbeat is logged once until one succeeds again; the store's own health check
 * reports the outage.
 */
public class InstanceHeartbeat implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(InstanceHeartbeat.class);

	private final InstanceRegistry registry;

	private final InstanceIdentity identity;

	private final Supplier<Collection<String>> passes;

	private final boolean cron;

	private final Clock clock;

	private final DtmServerProperties.Instances properties;

	private final LocalDateTime startedAt;

	private ScheduledExecutorService executor;

	private volatile String writtenId;

	private volatile boolean failing;

	/**
	 * A heartbeat.
	 * @param registry where the record goes
	 * @param identity who this instance is
	 * @param passes the gids of the passes in progress
	 * @param cron whether this instance polls for due transactions
	 * @param clock the clock of the store's times
	 * @param properties the intervals
	 */
	public InstanceHeartbeat(InstanceRegistry registry, InstanceIdentity identity, Supplier<Collection<String>> passes,
			boolean cron, Clock clock, DtmServerProperties.Instances properties) {
		this.registry = registry;
		this.identity = identity;
		this.passes = passes;
		this.cron = cron;
		this.clock = clock;
		this.properties = properties;
		this.startedAt = LocalDateTime.now(clock);
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = DtmExecutors.periodic("dtm-instance-heartbeat");
		long interval = this.properties.getHeartbeatInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop beating and remove this instance's record, so the others do not show it as
	 * lost.
	 */
	@Override
	public synchronized void stop() {
		if (this.executor == null) {
			return;
		}
		DtmExecutors.stopPeriodic(this.executor);
		this.executor = null;
		String id = this.writtenId;
		if (id != null) {
			try {
				this.registry.remove(id);
			}
			catch (RuntimeException ex) {
				logger.warn("could not remove the record of instance {}: {}", id, ex.getMessage());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * After the web and gRPC servers, so the first record has their ports; stopped before
	 * them.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	/**
	 * Write this instance's record now and forget long-lost instances.
	 */
	public void beat() {
		try {
			LocalDateTime now = LocalDateTime.now(this.clock);
			InstanceRecord record = record(now);
			String previous = this.writtenId;
			if (previous != null && !previous.equals(record.id())) {
				this.registry.remove(previous);
			}
			this.registry.heartbeat(record);
			this.writtenId = record.id();
			int forgotten = this.registry.forget(now.minus(this.properties.getForgetAfter()));
			if (forgotten > 0) {
				logger.info("forgot {} coordinator instance(s) not seen for {}", forgotten,
						this.properties.getForgetAfter());
			}
			if (this.failing) {
				this.failing = false;
				logger.info("instance heartbeat recovered");
			}
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("instance heartbeat failed: {}", ex.getMessage());
			}
		}
	}

	private InstanceRecord record(LocalDateTime now) {
		List<String> gids = new ArrayList<>(this.passes.get());
		gids.sort(null);
		return new InstanceRecord(this.identity.id(), this.identity.version(), this.identity.httpPort(),
				this.identity.grpcPort(), this.cron, this.startedAt, now, gids.size(), gids);
	}

}
