package io.dtm.server.engine;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.dtm.core.BranchOutcome;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs processing passes: loads the branches, hands the pass to the processor of the
 * transaction's mode, then schedules the next pass of an unfinished transaction as
 * {@link Schedule} decides. A gid is processed by at most one pass at a time on this
 * instance.
 */
public class TransWorker {

	private static final Logger logger = LoggerFactory.getLogger(TransWorker.class);

	private final EngineContext context;

	private final Map<TransType, TransProcessor> processors = new EnumMap<>(TransType.class);

	private final Executor processingExecutor;

	private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

	private volatile StoreFailureReporter storeFailures = StoreFailureReporter.NONE;

	private volatile RetryAlerts alerts = RetryAlerts.NONE;

	private volatile ObservationRegistry observations = ObservationRegistry.NOOP;

	private volatile GidCorrelation correlation = GidCorrelation.LOGS;

	public TransWorker(EngineContext context, List<TransProcessor> processors, Executor processingExecutor) {
		this.context = context;
		this.processingExecutor = processingExecutor;
		for (TransProcessor processor : processors) {
			this.processors.put(processor.type(), processor);
		}
	}

	/**
	 * How store failures are recognised and reported.
	 * @param storeFailures the reporter
	 */
	public void setStoreFailureReporter(StoreFailureReporter storeFailures) {
		this.storeFailures = storeFailures;
	}

	/**
	 * When transactions whose branches keep failing raise alerts.
	 * @param alerts the alert rule and where alerts go
	 */
	public void setRetryAlerts(RetryAlerts alerts) {
		this.alerts = alerts;
	}

	/**
	 * Where passes are observed ({@value PassObservation#NAME}); none by default.
	 * @param observations the registry
	 */
	public void setObservationRegistry(ObservationRegistry observations) {
		this.observations = observations;
	}

	/**
	 * How the gid of a pass is made known to its logs (and, with tracing, to its calls);
	 * the MDC only by default.
	 * @param correlation the correlation
	 */
	public void setGidCorrelation(GidCorrelation correlation) {
		this.correlation = correlation;
	}

	/**
	 * The gids of the passes running on this instance now.
	 * @return a snapshot
	 */
	public Set<String> passesInProgress() {
		return Set.copyOf(this.inFlight.keySet());
	}

	/**
	 * Process a transaction in the background; the cron picks it up if the executor is
	 * full.
	 * @param trans the transaction
	 */
	public void processAsync(GlobalTrans trans) {
		processAsync(trans, null);
	}

	/**
	 * Process a new transaction in the background, with the branches its insert stored.
	 * @param trans the transaction
	 * @param stored its branches as stored, or {@code null} to read them
	 */
	public void processAsync(GlobalTrans trans, List<Branch> stored) {
		try {
			this.processingExecutor.execute(() -> process(trans, stored, Duration.ZERO));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("processing queue full; gid={} is left to the cron", trans.gid());
		}
	}

	/**
	 * Run one pass now, unless another pass of the gid is running on this instance.
	 * @param trans the transaction as last read
	 * @return the outcome of the pass, or empty when another pass of the gid is running
	 * here
	 */
	public Optional<PassOutcome> process(GlobalTrans trans) {
		return process(trans, Duration.ZERO);
	}

	/**
	 * Run one pass now; when another pass of the gid is running on this instance (the
	 * cron, say), wait up to {@code waitForOther} for it to end, re-read the transaction
	 * and run.
	 * @param trans the transaction as last read
	 * @param waitForOther how long a synchronous caller (wait_result) may wait
	 * @return the outcome of the pass, or empty when another pass still runs or it is
	 * finished
	 */
	public Optional<PassOutcome> process(GlobalTrans trans, Duration waitForOther) {
		return process(trans, null, waitForOther);
	}

	/**
	 * {@link #process(GlobalTrans, Duration)} for a transaction whose branches the caller
	 * has just stored: the pass starts from them instead of reading them (one store read
	 * less per new transaction). They are dropped if another pass ran first.
	 * @param trans the transaction as last read
	 * @param stored its branches as stored, or {@code null} to read them
	 * @param waitForOther how long a synchronous caller (wait_result) may wait
	 * @return the outcome of the pass, or empty when another pass still runs or it is
	 * finished
	 */
	public Optional<PassOutcome> process(GlobalTrans trans, List<Branch> stored, Duration waitForOther) {
		List<Branch> branches = stored;
		CompletableFuture<Void> mine = new CompletableFuture<>();
		long deadline = System.nanoTime() + waitForOther.toNanos();
		CompletableFuture<Void> other;
		while ((other = this.inFlight.putIfAbsent(trans.gid(), mine)) != null) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || !awaitOther(other, left)) {
				return Optional.empty();
			}
			trans = this.context.store().find(trans.gid()).orElse(trans);
			branches = null;
		}
		try {
			return (trans.status().isFinished()) ? Optional.empty() : runPass(trans, branches);
		}
		finally {
			this.inFlight.remove(trans.gid(), mine);
			mine.complete(null);
		}
	}

	private static boolean awaitOther(CompletableFuture<Void> other, long nanos) {
		try {
			other.get(nanos, TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Optional<PassOutcome> runPass(GlobalTrans trans, List<Branch> stored) {
		try (GidCorrelation.Scope gid = this.correlation.open(trans.gid())) {
			Observation observation = PassObservation.start(trans, this.observations);
			try (Observation.Scope scope = observation.openScope()) {
				Optional<PassOutcome> outcome = runObservedPass(trans, stored);
				outcome.ifPresent((passOutcome) -> PassObservation.outcome(observation, passOutcome.worstOutcome()));
				return outcome;
			}
			catch (RuntimeException ex) {
				observation.error(ex);
				throw ex;
			}
			finally {
				observation.stop();
			}
		}
	}

	private Optional<PassOutcome> runObservedPass(GlobalTrans trans, List<Branch> stored) {
		try {
			TransProcessor processor = this.processors.get(trans.transType());
			if (processor == null) {
				throw new IllegalStateException("no processor for trans_type " + trans.transType());
			}
			List<Branch> branches = (stored != null) ? stored : this.context.store().findBranches(trans.gid());
			TransPass pass = new TransPass(trans, branches, this.context);
			try {
				processor.process(pass);
			}
			catch (StaleTransactionException ex) {
				logger.debug("pass stopped: {}", ex.getMessage());
				return Optional.of(new PassOutcome(pass.trans(), pass.worstOutcome(), pass.lastError()));
			}
			BranchOutcome worst = pass.worstOutcome();
			this.context.metrics()
				.passCompleted(trans.transType(), worst != BranchOutcome.ERROR && worst != BranchOutcome.FAILURE);
			if (!pass.status().isFinished()) {
				GlobalTrans after = pass.trans();
				Schedule.NextRun next = this.context.schedule().afterPass(after, worst, pass.scheduledAt());
				schedule(after, next);
				if (Schedule.backsOff(worst)) {
					alertIfDue(after, next, pass.lastFailure());
				}
			}
			return Optional.of(new PassOutcome(pass.trans(), pass.worstOutcome(), pass.lastError()));
		}
		catch (DateTimeException | ArithmeticException ex) {
			logger.error("gid={} cannot be scheduled ({}); failing it", trans.gid(), ex.getMessage());
			failUnschedulable(trans, ex);
			return Optional.of(new PassOutcome(trans, BranchOutcome.ERROR, ex.getMessage()));
		}
		catch (RuntimeException ex) {
			if (this.storeFailures.report(ex)) {
				reschedule(trans, this.context.schedule().afterStoreFailure(trans));
				return Optional.of(new PassOutcome(trans, BranchOutcome.ERROR, "the store failed", ex));
			}
			logger.error("processing gid={} failed; it will be retried by the cron", trans.gid(), ex);
			reschedule(trans, this.context.schedule().afterPassError(trans));
			return Optional.of(new PassOutcome(trans, BranchOutcome.ERROR, firstLine(ex.getMessage())));
		}
	}

	private void alertIfDue(GlobalTrans trans, Schedule.NextRun next, TransPass.FailedCall failure) {
		Schedule schedule = this.context.schedule();
		long previous = schedule.retryCount(trans, schedule.currentIntervalSeconds(trans));
		this.alerts.backedOff(trans, previous, schedule.retryCount(trans, next.intervalSeconds()), failure);
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "processing failed";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

	/**
	 * A transaction whose times cannot be computed (a value no policy clamps) would fail
	 * every pass: fail it visibly instead, with the reason stored.
	 */
	private void failUnschedulable(GlobalTrans trans, RuntimeException ex) {
		try {
			GlobalTrans current = this.context.store().find(trans.gid()).orElse(trans);
			if (!current.status().isFinished()) {
				this.context.statusMachine()
					.transition(current, GlobalStatus.FAILED,
							"cannot schedule the transaction: " + firstLine(ex.getMessage()));
			}
		}
		catch (RuntimeException failure) {
			logger.warn("could not fail gid={}: {}", trans.gid(), failure.getMessage());
		}
	}

	private void schedule(GlobalTrans trans, Schedule.NextRun next) {
		this.context.store().touchCronTime(trans.gid(), trans.status(), next.intervalSeconds(), next.at(), next.now());
	}

	/**
	 * Schedule a transaction whose pass broke off; a store that fails again is reported,
	 * and the cron's lease decides when it is looked at next.
	 */
	private void reschedule(GlobalTrans trans, Schedule.NextRun next) {
		try {
			schedule(trans, next);
		}
		catch (RuntimeException ex) {
			if (!this.storeFailures.report(ex)) {
				logger.warn("could not schedule gid={} for retry: {}", trans.gid(), ex.getMessage());
			}
		}
	}

	/**
	 * What one pass achieved.
	 *
	 * @param trans the transaction after the pass
	 * @param worstOutcome the most severe branch outcome, or {@code null} when nothing
	 * was called
	 * @param lastError description of the last unsuccessful call
	 * @param storeFailure the store failure that ended the pass, or {@code null}
	 */
	public record PassOutcome(GlobalTrans trans, BranchOutcome worstOutcome, String lastError,
			RuntimeException storeFailure) {

		public PassOutcome(GlobalTrans trans, BranchOutcome worstOutcome, String lastError) {
			this(trans, worstOutcome, lastError, null);
		}

	}

}
