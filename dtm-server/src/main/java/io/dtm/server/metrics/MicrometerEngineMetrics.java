package io.dtm.server.metrics;

import java.time.Duration;
import java.util.Locale;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchOutcome;
import io.dtm.core.TransType;
import io.dtm.server.engine.EngineMetrics;
import io.dtm.server.engine.TransitionEvent;
import io.dtm.server.engine.TransitionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Engine metrics with dtm's names and labels:
 * {@code dtm_transaction_process_total{model,status}},
 * {@code dtm_transaction_handled_duration{model}} (seconds since creation, a histogram
 * with dtm's buckets) and
 * {@code dtm_branch_process_total{model,branchid,branchtype,status}}; and, of dtm-java's
 * own, {@code dtm_transaction_finished_total{model,status}},
 * {@code dtm_branch_call_duration{model,branchtype,status}} (seconds, a histogram with
 * dtm's buckets) and {@code dtm_branch_call_record_failures_total}.
 */
public class MicrometerEngineMetrics implements EngineMetrics, TransitionListener {

	private final MeterRegistry registry;

	private final boolean branchIdLabel;

	private final Counter callRecordFailures;

	/**
	 * Create the metrics.
	 * @param registry where to register
	 * @param branchIdLabel whether {@code dtm_branch_process_total} carries the branch id
	 * as dtm's does (off by default: tcc and xa branch ids are chosen by clients, so the
	 * number of series would have no bound); when off the label is {@code -}
	 */
	public MicrometerEngineMetrics(MeterRegistry registry, boolean branchIdLabel) {
		this.registry = registry;
		this.branchIdLabel = branchIdLabel;
		this.callRecordFailures = Counter.builder("dtm.branch.call.record.failures")
			.description("Branch call records (attempts so far, last error) that could not be written")
			.register(registry);
	}

	@Override
	public void branchCalled(TransType type, String branchId, BranchOp op, BranchOutcome outcome, Duration elapsed) {
		String status = outcome.name().toLowerCase(Locale.ROOT);
		Counter.builder("dtm.branch.process")
			.description("Branch calls by mode, branch id, operation and outcome")
			.tags("model", type.wireValue(), "branchid", this.branchIdLabel ? branchId : "-", "branchtype",
					op.wireValue(), "status", status)
			.register(this.registry)
			.increment();
		Timer.builder("dtm.branch.call.duration")
			.description("Branch call time by mode, operation and outcome, in seconds")
			.tags("model", type.wireValue(), "branchtype", op.wireValue(), "status", status)
			.serviceLevelObjectives(DtmMetricNames.BUCKETS)
			.register(this.registry)
			.record(elapsed);
	}

	@Override
	public void passCompleted(TransType type, boolean ok) {
		Counter.builder("dtm.transaction.process")
			.description("Processing passes of global transactions by mode and result")
			.tags("model", type.wireValue(), "status", ok ? "ok" : "fail")
			.register(this.registry)
			.increment();
	}

	@Override
	public void callRecordFailed() {
		this.callRecordFailures.increment();
	}

	/**
	 * Every transaction that reaches a final status, whoever changed it (a pass, an
	 * {@code abort}, a {@code forceStop}), is measured from its creation.
	 */
	@Override
	public void onTransition(TransitionEvent event) {
		if (!event.isFinal()) {
			return;
		}
		Timer.builder("dtm.transaction.handled.duration")
			.description("Time from a global transaction's creation to its final status, in seconds")
			.tags("model", event.transType().wireValue())
			.serviceLevelObjectives(DtmMetricNames.BUCKETS)
			.register(this.registry)
			.record(event.sinceCreation());
		Counter.builder("dtm.transaction.finished")
			.description("Global transactions that reached a final status, by mode and status (succeed or failed)")
			.tags("model", event.transType().wireValue(), "status", event.to().wireValue())
			.register(this.registry)
			.increment();
	}

}
