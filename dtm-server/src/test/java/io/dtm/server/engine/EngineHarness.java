package io.dtm.server.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransType;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.cron.TransCron;
import io.dtm.server.service.RequestValidator;
import io.dtm.server.service.TopicService;
import io.dtm.server.service.TransCoordinator;
import io.dtm.server.service.TransFactory;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.testsupport.InMemoryBranchCallLog;
import io.dtm.server.testsupport.InMemoryTransStore;
import io.dtm.server.testsupport.MutableClock;

/**
 * The engine wired for deterministic tests: an in-memory store, a clock the test moves,
 * branch replies scripted per URL, and every executor running tasks on the calling
 * thread. Nothing sleeps and nothing calls the network.
 */
public final class EngineHarness {

	static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 12, 0, 0);

	public final MutableClock clock = new MutableClock(T0.toInstant(ZoneOffset.UTC));

	public final InMemoryTransStore store = new InMemoryTransStore();

	/** Records of the branch calls that did not succeed. */
	public final InMemoryBranchCallLog callLog = new InMemoryBranchCallLog();

	/** How often a branch call record could not be written. */
	public final AtomicInteger callRecordFailures = new AtomicInteger();

	public final DtmServerProperties properties = new DtmServerProperties();

	public final ScriptedInvoker invoker = new ScriptedInvoker(this.clock);

	public final Schedule schedule = new Schedule(this.properties, this.clock);

	/** Every status change, in order. */
	public final List<TransitionEvent> transitions = new CopyOnWriteArrayList<>();

	/** More listeners of status changes (metrics under test, say). */
	public final List<TransitionListener> listeners = new CopyOnWriteArrayList<>();

	public final StatusMachine statusMachine = new StatusMachine(this.store, this.schedule,
			List.of(this.transitions::add, (event) -> this.listeners.forEach((l) -> l.onTransition(event))));

	public final EngineContext context;

	public final TransWorker worker;

	public final TransCron cron;

	/** The service layer over the same engine: submit, prepare, abort, forceStop… */
	public final TransCoordinator coordinator;

	public EngineHarness() {
		Executor direct = Runnable::run;
		ObjectMapper mapper = new ObjectMapper();
		EngineMetrics metrics = new EngineMetrics() {

			@Override
			public void callRecordFailed() {
				EngineHarness.this.callRecordFailures.incrementAndGet();
			}

		};
		this.context = new EngineContext(this.store, this.statusMachine, this.invoker, this.schedule, direct, metrics,
				this.clock::advance, this.callLog);
		this.worker = new TransWorker(this.context, List.of(new SagaProcessor(mapper), new MsgProcessor(mapper),
				new TccProcessor(), new XaProcessor(), new WorkflowProcessor(mapper)), direct);
		this.cron = new TransCron(this.store, this.worker, this.schedule, this.properties.getCron());
		RequestValidator validator = new RequestValidator(this.properties, UrlResolver.http(), mapper);
		TopicService topics = new TopicService(this.store, mapper, this.schedule);
		this.coordinator = new TransCoordinator(this.store, this.statusMachine, this.worker, validator,
				new TransFactory(this.schedule, topics::subscriberUrls), this.schedule);
	}

	/**
	 * Submit through the service layer, as {@code POST /api/dtmsvr/submit} does; without
	 * wait_result the first pass runs before this returns (every executor is direct).
	 * @param trans the transaction
	 */
	public void submit(TransBuilder trans) {
		this.coordinator.submit(trans.request());
	}

	/**
	 * Prepare through the service layer.
	 * @param trans the transaction
	 */
	public void prepare(TransBuilder trans) {
		this.coordinator.prepare(trans.request());
	}

	/**
	 * Register a tcc branch ({@code /Try}-less: the test plays the try itself) whose
	 * confirm and cancel are {@code http://p/Confirm<id>} and
	 * {@code http://p/Cancel<id>}.
	 * @param gid the gid
	 * @param branchId the branch id
	 */
	public void registerTcc(String gid, String branchId) {
		this.coordinator.registerBranch(Map.of("gid", gid, "trans_type", "tcc", "branch_id", branchId, "data", "{}",
				"confirm", "http://p/Confirm" + branchId, "cancel", "http://p/Cancel" + branchId));
	}

	/**
	 * Register an xa branch whose commit and rollback go to {@code http://p/Xa<id>}.
	 * @param gid the gid
	 * @param branchId the branch id
	 */
	public void registerXa(String gid, String branchId) {
		this.coordinator.registerBranch(Map.of("gid", gid, "trans_type", "xa", "branch_id", branchId, "data", "{}",
				"url", "http://p/Xa" + branchId));
	}

	/**
	 * The global statuses the transaction went through, from its first change on.
	 * @param gid the gid
	 * @return statuses, the one it left first
	 */
	public List<GlobalStatus> statusPath(String gid) {
		List<GlobalStatus> path = new ArrayList<>();
		for (TransitionEvent event : this.transitions) {
			if (event.gid().equals(gid)) {
				if (path.isEmpty()) {
					path.add(event.from());
				}
				path.add(event.to());
			}
		}
		return path;
	}

	public LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

	/**
	 * Run cron rounds until nothing is due now.
	 * @return how many transactions were processed
	 */
	public int drainDue() {
		int processed = 0;
		while (this.cron.runOnce()) {
			processed++;
			if (processed > 10_000) {
				throw new IllegalStateException("cron keeps finding due transactions: a loop");
			}
		}
		return processed;
	}

	/**
	 * Move the clock forward and run everything that became due.
	 * @param duration how far
	 * @return how many transactions were processed
	 */
	public int advance(Duration duration) {
		this.clock.advance(duration);
		return drainDue();
	}

	public GlobalTrans global(String gid) {
		return this.store.find(gid).orElseThrow();
	}

	public List<String> branchStates(String gid) {
		return this.store.findBranches(gid)
			.stream()
			.map((b) -> b.branchId() + " " + b.op().wireValue() + " " + b.status().wireValue())
			.toList();
	}

	/**
	 * A stored saga with one compensate/action pair per URL prefix ({@code /A1} and
	 * {@code /C1} for step 1), in the given branch states.
	 * @param gid the gid
	 * @param status global status
	 * @param customData custom data
	 * @param options options
	 * @param actionStates state of each step's action
	 * @return the stored row
	 */
	public GlobalTrans storedSaga(String gid, GlobalStatus status, String customData, TransOptions options,
			BranchStatus... actionStates) {
		LocalDateTime now = now();
		GlobalTrans global = new GlobalTrans(0, gid, TransType.SAGA, status, "", "http", now, now, null, null, options,
				customData, 10, now, "", "", "", "");
		List<Branch> branches = new ArrayList<>();
		for (int i = 0; i < actionStates.length; i++) {
			String id = String.format("%02d", i + 1);
			branches.add(Branch.newBranch(gid, "http://p/C" + (i + 1), "{}".getBytes(StandardCharsets.UTF_8), id,
					BranchOp.COMPENSATE, now));
			branches.add(Branch
				.newBranch(gid, "http://p/A" + (i + 1), "{}".getBytes(StandardCharsets.UTF_8), id, BranchOp.ACTION, now)
				.withStatus(actionStates[i]));
		}
		this.store.put(global, branches);
		return global;
	}

	/**
	 * Branch replies scripted per URL path (the part after the host): SUCCESS, FAILURE,
	 * ONGOING or an error, in turn or always, and calls that take time; unscripted calls
	 * succeed. Every call is recorded with the clock's time.
	 */
	public static final class ScriptedInvoker implements BranchInvoker {

		private final MutableClock clock;

		private final Map<String, Duration> delays = new HashMap<>();

		private final Map<String, Deque<BranchCallResult>> scripts = new HashMap<>();

		private final Map<String, BranchCallResult> always = new HashMap<>();

		private final List<Call> calls = new ArrayList<>();

		private volatile Runnable onCall = () -> {
		};

		ScriptedInvoker(MutableClock clock) {
			this.clock = clock;
		}

		public synchronized ScriptedInvoker then(String path, BranchOutcome... outcomes) {
			Deque<BranchCallResult> queue = this.scripts.computeIfAbsent(path, (p) -> new ArrayDeque<>());
			for (BranchOutcome outcome : outcomes) {
				queue.add(answer(path, outcome));
			}
			return this;
		}

		public synchronized ScriptedInvoker always(String path, BranchOutcome outcome) {
			this.always.put(path, answer(path, outcome));
			return this;
		}

		/**
		 * A scripted answer, with the HTTP status a participant gives for the outcome as
		 * its code.
		 */
		private static BranchCallResult answer(String path, BranchOutcome outcome) {
			String code = switch (outcome) {
				case SUCCESS -> "200";
				case FAILURE -> "409";
				case ONGOING -> "425";
				case ERROR -> "500";
			};
			return new BranchCallResult(outcome, path + " answered " + outcome, code);
		}

		/**
		 * Make every call of a path take time on the test's clock.
		 * @param path the path
		 * @param duration how long each call takes
		 * @return this
		 */
		public synchronized ScriptedInvoker slow(String path, Duration duration) {
			this.delays.put(path, duration);
			return this;
		}

		/**
		 * Something to run during every call (move the clock, change the store).
		 * @param onCall the action
		 */
		public void onCall(Runnable onCall) {
			this.onCall = onCall;
		}

		@Override
		public BranchCallResult invoke(BranchRequest request) {
			if (request.url() == null || request.url().isEmpty()) {
				// as the HTTP invoker: an empty URL succeeds without a call
				return BranchCallResult.success();
			}
			String path = request.url().replaceFirst("^[a-z]+://[^/]+", "");
			BranchCallResult result;
			synchronized (this) {
				this.calls.add(new Call(path, request.op(), request.branchId(), LocalDateTime.now(this.clock)));
				Deque<BranchCallResult> queue = this.scripts.get(path);
				if (queue != null && !queue.isEmpty()) {
					result = queue.poll();
				}
				else {
					result = this.always.getOrDefault(path, BranchCallResult.success());
				}
			}
			Duration delay;
			synchronized (this) {
				delay = this.delays.get(path);
			}
			if (delay != null) {
				this.clock.advance(delay);
			}
			this.onCall.run();
			return result;
		}

		public synchronized List<String> paths() {
			return this.calls.stream().map(Call::path).toList();
		}

		public synchronized List<Call> calls() {
			return List.copyOf(this.calls);
		}

		public synchronized long count(String path) {
			return this.calls.stream().filter((c) -> c.path().equals(path)).count();
		}

	}

	/**
	 * One recorded branch call.
	 *
	 * @param path URL path
	 * @param op operation
	 * @param branchId branch id
	 * @param at clock time of the call
	 */
	public record Call(String path, BranchOp op, String branchId, LocalDateTime at) {

	}

}
