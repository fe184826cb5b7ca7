package io.dtm.server.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.dtm.core.BranchOp;
import io.dtm.core.BranchStatus;
import io.dtm.core.GlobalStatus;
import io.dtm.core.TransOptions;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;
import io.dtm.server.engine.Schedule;
import io.dtm.server.store.Branch;
import io.dtm.server.store.GlobalTrans;

/**
 * Builds the rows of a new transaction from a validated request: the global row, and for
 * saga and msg the branch rows with dtm's ids ({@code 01}, {@code 02}…) and order (saga:
 * compensate before action).
 */
public class TransFactory {

	private final Schedule schedule;

	private final Function<String, List<String>> topicSubscribers;

	/**
	 * Create a factory.
	 * @param intervals timing rules
	 * @param clock the clock
	 * @param topicSubscribers resolves a {@code topic://name} step to its subscriber URLs
	 */
	public TransFactory(Schedule schedule, Function<String, List<String>> topicSubscribers) {
		this.schedule = schedule;
		this.topicSubscribers = topicSubscribers;
	}

	/**
	 * The global row.
	 * @param request the request
	 * @param type its mode
	 * @param status initial status
	 * @return the row
	 */
	public GlobalTrans global(TransRequest request, TransType type, GlobalStatus status) {
		// the stores keep whole seconds, as dtm's schema does; the row in memory
		// keeps the exact creation time so that a pass finishing it at once
		// measures its duration
		LocalDateTime created = this.schedule.preciseNow();
		LocalDateTime now = Schedule.stored(created);
		TransOptions options = request.options();
		long interval = this.schedule.baseIntervalSeconds(options);
		String protocol = (request.protocol() == null || request.protocol().isEmpty()) ? "http" : request.protocol();
		return new GlobalTrans(0, request.gid(), type, status, request.queryPrepared(), protocol, created, now, null,
				null, options, request.customData(), interval, now.plusSeconds(interval), "", "", "",
				request.rollbackReason());
	}

	/**
	 * dtm's branch id of a step: at least two digits ({@code 01}, {@code 02}, …,
	 * {@code 100}); {@code String.format} cost 3 % of a request's CPU here.
	 */
	static String twoDigits(int number) {
		return (number >= 0 && number < 10) ? "0" + number : String.valueOf(number);
	}

	/**
	 * The branch rows of a saga or msg.
	 * @param request the request
	 * @param type its mode
	 * @return the rows in processing order
	 */
	public List<Branch> branches(TransRequest request, TransType type) {
		List<Map<String, String>> steps = (request.steps() != null) ? request.steps() : List.of();
		List<Branch> branches = new ArrayList<>(steps.size() * 2);
		LocalDateTime now = now();
		for (int i = 0; i < steps.size(); i++) {
			Map<String, String> step = steps.get(i);
			String branchId = twoDigits(i + 1);
			byte[] payload = payload(request, step, i);
			if (type == TransType.SAGA) {
				branches.add(Branch.newBranch(request.gid(), step.get("compensate"), payload, branchId,
						BranchOp.COMPENSATE, now));
			}
			String action = step.get("action");
			if (type == TransType.MSG && action != null && action.startsWith(TopicService.TOPIC_SCHEME)) {
				List<String> urls = this.topicSubscribers.apply(action);
				for (int j = 0; j < urls.size(); j++) {
					branches.add(Branch.newBranch(request.gid(), urls.get(j), payload,
							branchId + "-" + twoDigits(j + 1), BranchOp.ACTION, now));
				}
				continue;
			}
			branches.add(Branch.newBranch(request.gid(), action, payload, branchId, BranchOp.ACTION, now));
		}
		return branches;
	}

	/**
	 * The two rows of a registered tcc or xa branch: the rollback op first, then the
	 * commit op.
	 * @param gid the gid
	 * @param type tcc or xa
	 * @param branchId the branch id
	 * @param fields the registerBranch body: the URLs
	 * @param data the branch payload
	 * @return the rows
	 */
	public List<Branch> registered(String gid, TransType type, String branchId, Map<String, String> fields,
			byte[] data) {
		LocalDateTime now = now();
		if (type == TransType.TCC) {
			return List.of(Branch.newBranch(gid, fields.get("cancel"), data, branchId, BranchOp.CANCEL, now),
					Branch.newBranch(gid, fields.get("confirm"), data, branchId, BranchOp.CONFIRM, now));
		}
		if (type == TransType.WORKFLOW) {
			// one row: the step as its client ran it, with its outcome
			Branch step = Branch.newBranch(gid, "", data, branchId, BranchOp.fromWireValue(fields.get("op")), now);
			return List.of(step.withStatus(BranchStatus.fromWireValue(fields.get("status"))));
		}
		return List.of(Branch.newBranch(gid, fields.get("url"), data, branchId, BranchOp.ROLLBACK, now),
				Branch.newBranch(gid, fields.get("url"), data, branchId, BranchOp.COMMIT, now));
	}

	private static byte[] payload(TransRequest request, Map<String, String> step, int index) {
		if (request.binPayloads() != null && !request.binPayloads().isEmpty()) {
			byte[] bytes = request.binPayloads().get(index);
			return (bytes != null) ? bytes : new byte[0];
		}
		String payload = (request.payloads() != null && !request.payloads().isEmpty()) ? request.payloads().get(index)
				: step.get("data");
		return (payload != null) ? payload.getBytes(StandardCharsets.UTF_8) : new byte[0];
	}

	private LocalDateTime now() {
		return this.schedule.now();
	}

}
