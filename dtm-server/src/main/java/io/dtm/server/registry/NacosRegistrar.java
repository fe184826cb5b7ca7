package io.dtm.server.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.cloud.nacos.NacosServiceManager;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.dtm.core.diagnostics.DiagnosticCause;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.registry.RegistrationStatus.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.support.RetryTemplate;

/**
 * Registers the coordinator in Nacos without ever blocking start-up: once the HTTP port
 * is known, attempts run on a background thread with exponential back-off (Spring Retry).
 * When the attempts are used up the failure is classified and reported as D1003 (log,
 * health, metric) and registration is retried every check interval until it succeeds. A
 * registered instance is verified at the same interval; if the connection is gone or the
 * instance is no longer listed (Nacos restarted) it is registered again, with the same
 * back-off and D1003 budget. On shutdown the instance is deregistered before the web
 * server and the cron stop; the Nacos client is shut down when the context is destroyed.
 */
public class NacosRegistrar implements SmartLifecycle, ApplicationListener<WebServerInitializedEvent>,
		ApplicationEventPublisherAware, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(NacosRegistrar.class);

	private static final String UP = "UP";

	private final NacosServiceManager nacos;

	private final NacosDiscoveryProperties discovery;

	private final DtmServerProperties.Registry settings;

	private final Map<String, String> metadata;

	private final RegistryProbe probe;

	private final Clock clock;

	private final RetryTemplate retry;

	private final MeterRegistry meters;

	private final Object lock = new Object();

	private volatile RegistrationStatus status;

	private volatile int webPort = -1;

	private volatile boolean running;

	private volatile boolean everRegistered;

	private volatile Instance instance;

	private ScheduledExecutorService executor;

	private ApplicationEventPublisher events;

	private ScheduledFuture<?> task;

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
		this.nacos = nacos;
		this.discovery = discovery;
		this.settings = settings;
		this.metadata = Map.copyOf(metadata);
		this.probe = new RegistryProbe(settings.getProbeTimeout());
		this.clock = clock;
		this.meters = meters;
		this.status = new RegistrationStatus(Phase.STARTING, 0, clock.instant(), null, null, null);
		this.retry = RetryTemplate.builder()
			.maxAttempts(settings.getMaxAttempts())
			.exponentialBackoff(settings.getInitialInterval(), settings.getMultiplier(), settings.getMaxInterval())
			.withListener(new AttemptLogger())
			.build();
		if (meters != null) {
			Gauge.builder("dtm.registry.registered", this, (registrar) -> registrar.isRegistered() ? 1 : 0)
				.description("1 while the coordinator is registered in the service registry, else 0")
				.tag("registry", "nacos")
				.register(meters);
		}
	}

	/**
	 * The current registration state.
	 * @return the snapshot
	 */
	public RegistrationStatus status() {
		return this.status;
	}

	/**
	 * Whether the instance is registered (as of the last check).
	 * @return {@code true} when registered
	 */
	public boolean isRegistered() {
		return this.status.phase() == Phase.REGISTERED;
	}

	/**
	 * Service name, group, namespace, registry address and instance address, for reports.
	 * @return the description
	 */
	public Map<String, Object> target() {
		Map<String, Object> target = new LinkedHashMap<>();
		target.put("service", this.discovery.getService());
		target.put("group", this.discovery.getGroup());
		target.put("namespace", blankAs(this.discovery.getNamespace(), "public"));
		target.put("serverAddr", this.discovery.getServerAddr());
		target.put("instance", this.discovery.getIp() + ":" + port());
		return target;
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
		this.webPort = event.getWebServer().getPort();
		synchronized (this.lock) {
			if (this.running) {
				schedule();
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
			this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "dtm-registry");
				thread.setDaemon(true);
				return thread;
			});
			if (port() > 0) {
				schedule();
			}
		}
	}

	/**
	 * Stop checking and deregister the instance (skipped when Nacos is not reachable: the
	 * ephemeral instance then goes with the client's connection).
	 */
	@Override
	public void stop() {
		synchronized (this.lock) {
			if (!this.running) {
				return;
			}
			this.running = false;
			if (this.task != null) {
				this.task.cancel(true);
				this.task = null;
			}
			this.executor.shutdownNow();
		}
		try {
			if (!this.executor.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("registration thread did not stop within 5 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		deregister();
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
			this.nacos.nacosServiceShutDown();
		}
		catch (NacosException | RuntimeException ex) {
			logger.debug("Nacos client shutdown failed: {}", ex.getMessage());
		}
	}

	private void schedule() {
		if (this.task == null && this.executor != null && !this.executor.isShutdown()) {
			this.task = this.executor.scheduleWithFixedDelay(this::cycle, 0,
					this.settings.getCheckInterval().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void cycle() {
		try {
			switch (this.status.phase()) {
				case STARTING, REGISTERING -> registerWithRetry(false);
				case REGISTERED -> verify();
				case FAILED -> backgroundAttempt();
				case STOPPED -> {
				}
			}
		}
		catch (RuntimeException ex) {
			if (this.running) {
				logger.warn("Nacos registration check failed: {}", ex.toString());
			}
		}
	}

	private void registerWithRetry(boolean afterLoss) {
		setStatus(Phase.REGISTERING, 0, null, null);
		try {
			int attempts = this.retry.execute((context) -> {
				attempt();
				return context.getRetryCount() + 1;
			});
			registered(attempts, afterLoss);
		}
		catch (Exception ex) {
			if (!this.running) {
				return;
			}
			RegistrationFailure failure = RegistrationFailureClassifier.classify(ex, probe(),
					afterLoss || this.everRegistered);
			setStatus(Phase.FAILED, this.settings.getMaxAttempts(), failure, message(ex));
			countFailure(failure);
			logger.error(
					"{} Gave up after {} attempts; retrying every {} in the background; the coordinator keeps"
							+ " serving its API. Registry: {}",
					failure.describe(), this.settings.getMaxAttempts(), this.settings.getCheckInterval(), target());
		}
	}

	private void countFailure(RegistrationFailure failure) {
		if (this.meters != null) {
			Counter.builder("dtm.registry.failures")
				.description(RegistrationFailure.CODE
						+ " service registration failures reported after the retries were used up")
				.tag("code", RegistrationFailure.CODE)
				.tag("cause", failure.cause().name())
				.tag("registry", "nacos")
				.register(this.meters)
				.increment();
		}
	}

	private void backgroundAttempt() {
		try {
			attempt();
			registered(this.status.attempts() + 1, this.everRegistered);
		}
		catch (Exception ex) {
			RegistrationFailure previous = this.status.failure();
			RegistrationFailure failure = RegistrationFailureClassifier.classify(ex, probe(), this.everRegistered);
			setStatus(Phase.FAILED, this.status.attempts() + 1, failure, message(ex));
			if (previous == null || previous.cause() != failure.cause()) {
				logger.warn("{} (background attempt {})", failure.describe(), this.status.attempts());
			}
			else {
				logger.debug("background registration attempt {} failed: {}", this.status.attempts(), message(ex));
			}
		}
	}

	private void verify() {
		NamingService naming = this.nacos.getNamingService();
		if (!UP.equals(naming.getServerStatus())) {
			logger.warn("lost the connection to Nacos at {}; registering again (up to {} attempts)",
					this.discovery.getServerAddr(), this.settings.getMaxAttempts());
			registerWithRetry(true);
			return;
		}
		try {
			List<Instance> listed = naming.getAllInstances(this.discovery.getService(), this.discovery.getGroup(),
					List.of(), false);
			Instance own = this.instance;
			boolean present = own != null && listed.stream()
				.anyMatch((other) -> other.getIp().equals(own.getIp()) && other.getPort() == own.getPort());
			if (!present) {
				logger.warn("this instance is no longer listed in Nacos (server restarted or instance removed);"
						+ " registering again");
				registerWithRetry(true);
			}
		}
		catch (NacosException ex) {
			logger.warn("could not verify the registration in Nacos ({}); registering again", message(ex));
			registerWithRetry(true);
		}
	}

	private void attempt() throws NacosException {
		if (!this.running) {
			throw new IllegalStateException("stopping");
		}
		Instance next = newInstance();
		this.instance = next;
		this.nacos.getNamingService().registerInstance(this.discovery.getService(), this.discovery.getGroup(), next);
	}

	private void registered(int attempts, boolean again) {
		boolean recovered = this.status.failure() != null;
		if (!this.everRegistered && this.events != null) {
			// Spring Cloud's discovery health indicator waits for this event
			this.events.publishEvent(new InstanceRegisteredEvent<>(this, this.instance));
		}
		this.everRegistered = true;
		RegistrationFailure warning = addressWarning();
		setStatus(Phase.REGISTERED, 0, null, null, warning);
		Instance own = this.instance;
		logger.info("registered in Nacos as {} at {}:{} ({}, attempt {}){}", this.discovery.getService(), own.getIp(),
				own.getPort(), target(), attempts,
				recovered ? "; " + RegistrationFailure.CODE + " cleared" : again ? " again" : "");
		if (warning != null) {
			logger.warn("{}", warning.describe());
		}
	}

	private void deregister() {
		Instance own = this.instance;
		if (own == null) {
			setStatus(Phase.STOPPED, 0, null, null);
			return;
		}
		try {
			NamingService naming = this.nacos.getNamingService();
			if (UP.equals(naming.getServerStatus())) {
				naming.deregisterInstance(this.discovery.getService(), this.discovery.getGroup(), own);
				logger.info("deregistered {} at {}:{} from Nacos", this.discovery.getService(), own.getIp(),
						own.getPort());
			}
			else {
				logger.info("Nacos is not reachable at shutdown; the instance {}:{} expires with the client connection",
						own.getIp(), own.getPort());
			}
		}
		catch (NacosException | RuntimeException ex) {
			logger.warn("deregistration from Nacos failed: {}", message(ex));
		}
		setStatus(Phase.STOPPED, 0, null, null);
	}

	private Instance newInstance() {
		Instance next = new Instance();
		next.setIp(this.discovery.getIp());
		next.setPort(port());
		next.setWeight(this.discovery.getWeight());
		next.setClusterName(this.discovery.getClusterName());
		next.setEnabled(this.discovery.isInstanceEnabled());
		next.setEphemeral(this.discovery.isEphemeral());
		Map<String, String> all = new LinkedHashMap<>(this.discovery.getMetadata());
		all.putAll(this.metadata);
		next.setMetadata(all);
		return next;
	}

	private int port() {
		int configured = this.discovery.getPort();
		return (configured > 0) ? configured : this.webPort;
	}

	private List<RegistryProbe.Result> probe() {
		String endpoint = this.discovery.getEndpoint();
		if (endpoint != null && !endpoint.isBlank()) {
			return List.of();
		}
		return this.probe.probe(this.discovery.getServerAddr());
	}

	private RegistrationFailure addressWarning() {
		String ip = this.discovery.getIp();
		if (!isLoopback(ip)) {
			return null;
		}
		boolean remoteRegistry = RegistryProbe.parse(this.discovery.getServerAddr())
			.stream()
			.anyMatch((address) -> !isLoopback(address.host()));
		return remoteRegistry ? new RegistrationFailure(DiagnosticCause.REGISTRY_UNREACHABLE_ADDRESS,
				"registered " + ip + " while Nacos is at " + this.discovery.getServerAddr()) : null;
	}

	private static boolean isLoopback(String host) {
		if (host == null || host.isBlank()) {
			return false;
		}
		if ("localhost".equalsIgnoreCase(host) || host.startsWith("127.") || "::1".equals(host)) {
			return true;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException | SecurityException ex) {
			return false;
		}
	}

	private void setStatus(Phase phase, int attempts, RegistrationFailure failure, String lastError) {
		setStatus(phase, attempts, failure, lastError, this.status.warning());
	}

	private void setStatus(Phase phase, int attempts, RegistrationFailure failure, String lastError,
			RegistrationFailure warning) {
		RegistrationStatus current = this.status;
		boolean samePhase = current.phase() == phase;
		this.status = new RegistrationStatus(phase, attempts, samePhase ? current.since() : this.clock.instant(),
				failure, warning, lastError);
	}

	private static String message(Throwable ex) {
		Throwable shown = (ex.getCause() instanceof NacosException) ? ex.getCause() : ex;
		String text = (shown instanceof NacosException nacos) ? nacos.getErrMsg() : shown.getMessage();
		return shown.getClass().getSimpleName() + ": " + ((text != null) ? text.strip() : "");
	}

	private static String blankAs(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/**
	 * Logs every failed attempt with the attempt number and keeps the reported attempt
	 * count current.
	 */
	private final class AttemptLogger implements RetryListener {

		@Override
		public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
				Throwable throwable) {
			int attempt = context.getRetryCount();
			setStatus(Phase.REGISTERING, attempt, null, message(throwable));
			if (NacosRegistrar.this.running) {
				logger.warn("Nacos registration attempt {}/{} at {} failed: {}", attempt,
						NacosRegistrar.this.settings.getMaxAttempts(), NacosRegistrar.this.discovery.getServerAddr(),
						message(throwable));
			}
		}

	}

}
