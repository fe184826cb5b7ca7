package io.dtm.server.registry;

import java.time.Duration;
import java.util.List;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.registry.RegistrationStatus.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration state machine. Each {@link #step()} does what the current phase needs
 * and answers when the next step is due; the caller schedules it, so the loop itself
 * never sleeps:
 * <ul>
 * <li>{@code STARTING}, {@code REGISTERING}: one attempt; when it fails and attempts are
 * left, the next one follows after the back-off; when they are used up the failure is
 * classified and reported as D1003 ({@code FAILED}).</li>
 * <li>{@code FAILED}: one attempt every check interval until one succeeds.</li>
 * <li>{@code REGISTERED}: every check interval, verify that the client is connected and
 * the instance is listed; if not, register again with the same back-off and budget.</li>
 * </ul>
 * {@link #deregister()} ends it on shutdown. Every change of state goes through
 * {@link RegistrationState#transition}.
 */
public class RegistrationLoop {

	/**
	 * Under the registrar's category, as before the registrar was split, so log filters
	 * keep working.
	 */
	private static final Logger logger = LoggerFactory.getLogger(NacosRegistrar.class);

	private final NacosNaming naming;

	private final RegistrationTarget target;

	private final RegistrationState state;

	private final RegistrationBackOff backOff;

	private final int maxAttempts;

	private final Duration checkInterval;

	private volatile Instance instance;

	private volatile boolean everRegistered;

	private volatile boolean halted;

	/**
	 * Create a loop.
	 * @param naming the registry calls
	 * @param target what to register, and where
	 * @param state the state this loop drives
	 * @param settings attempts, back-off and check interval
	 */
	public RegistrationLoop(NacosNaming naming, RegistrationTarget target, RegistrationState state,
			DtmServerProperties.Registry settings) {
		this.naming = naming;
		this.target = target;
		this.state = state;
		this.backOff = RegistrationBackOff.of(settings);
		this.maxAttempts = settings.getMaxAttempts();
		this.checkInterval = settings.getCheckInterval();
	}

	/**
	 * Do what the current phase needs.
	 * @return the wait before the next step
	 */
	public Duration step() {
		return switch (this.state.current().phase()) {
			case STARTING -> registerAgain();
			case REGISTERING -> attempt();
			case REGISTERED -> verify();
			case FAILED -> backgroundAttempt();
			case STOPPED -> this.checkInterval;
		};
	}

	/**
	 * Stop acting on results: a step that is still running when the coordinator stops
	 * neither reports nor retries.
	 */
	public void halt() {
		this.halted = true;
	}

	/**
	 * Deregister the instance (skipped when Nacos is not reachable: the ephemeral
	 * instance then goes with the client's connection) and enter {@code STOPPED}. Call it
	 * once no step runs any more.
	 */
	public void deregister() {
		this.halted = true;
		Instance own = this.instance;
		if (own != null) {
			try {
				if (NacosNaming.UP.equals(this.naming.serverStatus())) {
					this.naming.deregister(this.target.service(), this.target.group(), own);
					logger.info("deregistered {} at {}:{} from Nacos", this.target.service(), own.getIp(),
							own.getPort());
				}
				else {
					logger.info(
							"Nacos is not reachable at shutdown; the instance {}:{} expires with the client connection",
							own.getIp(), own.getPort());
				}
			}
			catch (NacosException | RuntimeException ex) {
				logger.warn("deregistration from Nacos failed: {}", message(ex));
			}
		}
		this.state.transition(Phase.STOPPED, 0, null, null);
	}

	/**
	 * The instance last sent to the registry.
	 * @return the instance, or {@code null} before the first attempt
	 */
	public Instance instance() {
		return this.instance;
	}

	private Duration registerAgain() {
		this.state.transition(Phase.REGISTERING, 0, null, null);
		return attempt();
	}

	private Duration attempt() {
		int attempt = this.state.current().attempts() + 1;
		try {
			register();
			registered(attempt);
			return this.checkInterval;
		}
		catch (NacosException | RuntimeException ex) {
			if (this.halted) {
				return this.checkInterval;
			}
			this.state.transition(Phase.REGISTERING, attempt, null, message(ex));
			logger.warn("Nacos registration attempt {}/{} at {} failed: {}", attempt, this.maxAttempts,
					this.target.serverAddr(), message(ex));
			if (attempt < this.maxAttempts) {
				return this.backOff.after(attempt);
			}
			RegistrationFailure failure = classify(ex);
			this.state.transition(Phase.FAILED, this.maxAttempts, failure, message(ex));
			logger.error(
					"{} Gave up after {} attempts; retrying every {} in the background; the coordinator keeps"
							+ " serving its API. Registry: {}",
					failure.describe(), this.maxAttempts, this.checkInterval, this.target.describe());
			return this.checkInterval;
		}
	}

	private Duration backgroundAttempt() {
		RegistrationStatus current = this.state.current();
		int attempt = current.attempts() + 1;
		try {
			register();
			registered(attempt);
		}
		catch (NacosException | RuntimeException ex) {
			if (this.halted) {
				return this.checkInterval;
			}
			RegistrationFailure previous = current.failure();
			RegistrationFailure failure = classify(ex);
			this.state.transition(Phase.FAILED, attempt, failure, message(ex));
			if (previous == null || previous.cause() != failure.cause()) {
				logger.warn("{} (background attempt {})", failure.describe(), attempt);
			}
			else {
				logger.debug("background registration attempt {} failed: {}", attempt, message(ex));
			}
		}
		return this.checkInterval;
	}

	private Duration verify() {
		if (!NacosNaming.UP.equals(this.naming.serverStatus())) {
			logger.warn("lost the connection to Nacos at {}; registering again (up to {} attempts)",
					this.target.serverAddr(), this.maxAttempts);
			return registerAgain();
		}
		try {
			List<Instance> listed = this.naming.instances(this.target.service(), this.target.group());
			Instance own = this.instance;
			boolean present = own != null && listed.stream()
				.anyMatch((other) -> other.getIp().equals(own.getIp()) && other.getPort() == own.getPort());
			if (!present) {
				logger.warn("this instance is no longer listed in Nacos (server restarted or instance removed);"
						+ " registering again");
				return registerAgain();
			}
		}
		catch (NacosException ex) {
			logger.warn("could not verify the registration in Nacos ({}); registering again", message(ex));
			return registerAgain();
		}
		return this.checkInterval;
	}

	private void register() throws NacosException {
		if (this.halted) {
			throw new IllegalStateException("stopping");
		}
		Instance next = this.target.newInstance();
		this.instance = next;
		this.naming.register(this.target.service(), this.target.group(), next);
	}

	private void registered(int attempt) {
		boolean recovered = this.state.current().failure() != null;
		boolean again = this.everRegistered;
		this.everRegistered = true;
		RegistrationFailure warning = this.target.addressWarning();
		this.state.transition(Phase.REGISTERED, 0, null, null, warning);
		Instance own = this.instance;
		logger.info("registered in Nacos as {} at {}:{} ({}, attempt {}){}", this.target.service(), own.getIp(),
				own.getPort(), this.target.describe(), attempt,
				recovered ? "; " + RegistrationFailure.CODE + " cleared" : again ? " again" : "");
		if (warning != null) {
			logger.warn("{}", warning.describe());
		}
	}

	private RegistrationFailure classify(Throwable ex) {
		return RegistrationFailureClassifier.classify(ex, this.target.probe(), this.everRegistered);
	}

	static String message(Throwable ex) {
		Throwable shown = (ex.getCause() instanceof NacosException) ? ex.getCause() : ex;
		String text = (shown instanceof NacosException nacos) ? nacos.getErrMsg() : shown.getMessage();
		return shown.getClass().getSimpleName() + ": " + ((text != null) ? text.strip() : "");
	}

}
