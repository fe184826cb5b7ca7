package io.dtm.server.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.cloud.nacos.NacosServiceManager;
import com.alibaba.nacos.api.exception.NacosException;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.registry.RegistrationStatus.Phase;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Registers the coordinator in Nacos without ever blocking start-up: runs the
 * {@link RegistrationLoop} on a background thread from the moment the HTTP port (and,
 * with the gRPC API on, the gRPC port, advertised as {@code gRPC_port} metadata) is known
 * until the coordinator stops. On shutdown the instance is deregistered before the web
 * server and the cron stop; the Nacos client is shut down when the context is destroyed.
 * Publishes Spring Cloud's {@link InstanceRegisteredEvent} on the first registration (the
 * discovery health indicator waits for it).
 */
public class NacosRegistrar implements SmartLifecycle, ApplicationListener<WebServerInitializedEvent>,
		ApplicationEventPublisherAware, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(NacosRegistrar.class);

	private final NacosNaming naming;

	private final RegistrationTarget target;

	private final RegistrationState state;

	private final RegistrationLoop loop;

	private final Supplier<RegistrationScheduler> schedulers;

	private final Duration checkInterval;

	private final AtomicBoolean announced = new AtomicBoolean();

	private final Object lock = new Object();

	private volatile boolean running;

	private RegistrationScheduler scheduler;

	private boolean scheduled;

	private ApplicationEventPublisher events;

	/**
	 * Create a registrar.
	 * @param nacos source of the Nacos naming client
	 * @param discovery Spring Cloud Alibaba's discovery settings (server, service, group,
	 * namespace, ip, weight, metadata)
	 * @param settings retry and check settings
	 * @param metadata metadata added to the instance (version, store type)
	 * @param clock clock for the reported timestamps
	 * @param meters registry for the {@code dtm.registry.*} meters, may be {@code null}
	 */
	public NacosRegistrar(NacosServiceManager nacos, NacosDiscoveryProperties discovery,
			DtmServerProperties.Registry settings, Map<String, String> metadata, Clock clock, MeterRegistry meters) {
		this(NacosNaming.of(nacos),
				new RegistrationTarget(discovery, metadata, new RegistryProbe(settings.getProbeTimeout())::probe),
				settings, clock, meters, ExecutorRegistrationScheduler::new);
	}

	/**
	 * Create a registrar from its parts.
	 * @param naming the registry calls
	 * @param target what to register, and where
	 * @param settings retry and check settings
	 * @param clock clock for the reported timestamps
	 * @param meters registry for the {@code dtm.registry.*} meters, may be {@code null}
	 * @param schedulers a new scheduler for each start
	 */
	NacosRegistrar(NacosNaming naming, RegistrationTarget target, DtmServerProperties.Registry settings, Clock clock,
			MeterRegistry meters, Supplier<RegistrationScheduler> schedulers) {
		this.naming = naming;
		this.target = target;
		this.state = new RegistrationState(clock);
		this.loop = new RegistrationLoop(naming, target, this.state, settings);
		this.schedulers = schedulers;
		this.checkInterval = settings.getCheckInterval();
		if (meters != null) {
			RegistrationMetrics.bind(meters, this.state);
		}
		this.state.addListener((transition, status) -> {
			if (status.phase() == Phase.REGISTERED && this.announced.compareAndSet(false, true)
					&& this.events != null) {
				this.events.publishEvent(new InstanceRegisteredEvent<>(this, this.loop.instance()));
			}
		});
	}

	/**
	 * The current registration state.
	 * @return the snapshot
	 */
	public RegistrationStatus status() {
		return this.state.current();
	}

	/**
	 * The state the loop drives, to listen to its transitions.
	 * @return the state
	 */
	RegistrationState state() {
		return this.state;
	}

	/**
	 * Whether the instance is registered (as of the last check).
	 * @return {@code true} when registered
	 */
	public boolean isRegistered() {
		return status().phase() == Phase.REGISTERED;
	}

	/**
	 * Service name, group, namespace, registry address and instance address, for reports.
	 * @return the description
	 */
	public Map<String, Object> target() {
		return this.target.describe();
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			return;
		}
		webServerStarted(event.getWebServer().getPort());
	}

	/**
	 * The HTTP port is known: registration can start.
	 * @param port the port
	 */
	void webServerStarted(int port) {
		this.target.webServerStarted(port);
		startWhenReady();
	}

	/**
	 * The gRPC API will listen too: registration waits for its port and advertises it.
	 */
	public void expectGrpcServer() {
		this.target.expectGrpcServer();
	}

	/**
	 * The gRPC port is known: registration can start once the HTTP port is known too.
	 * @param port the gRPC port
	 */
	public void grpcServerStarted(int port) {
		this.target.grpcServerStarted(port);
		startWhenReady();
	}

	private void startWhenReady() {
		synchronized (this.lock) {
			if (this.running && this.target.ready()) {
				scheduleFirstStep();
			}
		}
	}

	@Override
	public void start() {
		synchronized (this.lock) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.scheduler = this.schedulers.get();
			if (this.target.ready()) {
				scheduleFirstStep();
			}
		}
	}

	/**
	 * Stop the loop and deregister the instance (skipped when Nacos is not reachable: the
	 * ephemeral instance then goes with the client's connection).
	 */
	@Override
	public void stop() {
		RegistrationScheduler stopping;
		synchronized (this.lock) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.scheduled = false;
			stopping = this.scheduler;
			this.scheduler = null;
		}
		this.loop.halt();
		stopping.shutdown();
		this.loop.deregister();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * After the web server started (so the port is known), before the cron and the web
	 * server's graceful shutdown on stop (so no new traffic is routed here while
	 * in-flight work finishes).
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

	@Override
	public void destroy() {
		try {
			this.naming.shutdown();
		}
		catch (NacosException | RuntimeException ex) {
			logger.debug("Nacos client shutdown failed: {}", ex.getMessage());
		}
	}

	private void scheduleFirstStep() {
		if (!this.scheduled) {
			this.scheduled = true;
			this.scheduler.schedule(this::step, Duration.ZERO);
		}
	}

	private void step() {
		Duration next;
		try {
			next = this.loop.step();
		}
		catch (RuntimeException ex) {
			if (this.running) {
				logger.warn("Nacos registration check failed: {}", ex.toString());
			}
			next = this.checkInterval;
		}
		synchronized (this.lock) {
			if (this.running) {
				this.scheduler.schedule(this::step, next);
			}
		}
	}

}
