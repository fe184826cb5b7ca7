package io.dtm.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.dtm.core.TransOptions;
import io.dtm.core.TransRequest;
import io.dtm.core.TransType;

import org.springframework.util.Assert;

/**
 * A saga definition: forward actions called in order (or concurrently, with optional
 * ordering constraints), compensations called in reverse when an action answers
 * {@code FAILURE}. Created by {@link DtmOperations#saga(String)}; not thread-safe.
 *
 * <pre class="code">
 * String gid = dtm.saga(dtm.newGid())
 *     .step(svc + "/TransOut", svc + "/TransOutRevert", new Transfer(1, 30))
 *     .step(svc + "/TransIn", svc + "/TransInRevert", new Transfer(2, 30))
 *     .waitResult()
 *     .submit();
 * </pre>
 */
public final class Saga extends TransactionOptions<Saga> implements SagaStart {

	private final List<Map<String, String>> steps = new ArrayList<>();

	private final List<String> payloads = new ArrayList<>();

	private final Map<Integer, List<Integer>> orders = new TreeMap<>();

	private boolean concurrent;

	Saga(DtmTemplate template, String gid) {
		super(template, gid);
	}

	@Override
	public Saga step(String action, String compensate, Object payload) {
		Assert.hasText(action, () -> "step " + this.steps.size() + ": 'action' must not be empty");
		Assert.hasText(compensate, () -> "step " + this.steps.size() + ": 'compensate' must not be empty");
		Map<String, String> step = new LinkedHashMap<>();
		step.put("action", action);
		step.put("compensate", compensate);
		this.steps.add(step);
		String body = this.template.payload(payload);
		this.payloads.add((body != null) ? body : "");
		return this;
	}

	/**
	 * Start every action whose prerequisites are done at once instead of one after the
	 * other. Without {@link #order(int, int...)} all actions start together.
	 * @return this saga
	 */
	public Saga concurrent() {
		this.concurrent = true;
		return this;
	}

	/**
	 * In a concurrent saga, run step {@code step} only after the given steps succeeded
	 * (and compensate it before them). Steps are numbered from 0 in the order they were
	 * added.
	 * @param step the dependent step
	 * @param after the steps it waits for
	 * @return this saga
	 */
	public Saga order(int step, int... after) {
		List<Integer> prerequisites = this.orders.computeIfAbsent(step, (key) -> new ArrayList<>());
		for (int prerequisite : after) {
			prerequisites.add(prerequisite);
		}
		this.concurrent = true;
		return this;
	}

	/**
	 * Re-run an action with an unknown outcome at most this many times within one pass;
	 * after that the saga rolls back.
	 * @param limit the limit, at least 1
	 * @return this saga
	 */
	public Saga retryLimit(int limit) {
		Assert.isTrue(limit >= 1, () -> "'retryLimit' must be at least 1, but was " + limit);
		this.retryLimit = limit;
		return this;
	}

	/**
	 * The request that {@link #submit()} sends, after validation.
	 * @return the request
	 * @throws DtmRequestException if an order names a step that does not exist
	 */
	public TransRequest toRequest() {
		for (Map.Entry<Integer, List<Integer>> order : this.orders.entrySet()) {
			checkStep(order.getKey());
			order.getValue().forEach(this::checkStep);
		}
		TransOptions options = options(false);
		return new TransRequest(this.gid, TransType.SAGA.wireValue(), List.copyOf(this.steps),
				List.copyOf(this.payloads), customData(), null, null, options.waitResult(), options.timeoutToFail(),
				options.requestTimeout(), options.retryInterval(), options.branchHeaders(), false, options.retryLimit(),
				0, null, null);
	}

	/**
	 * Submit the saga. Without {@link #waitResult()} the call returns once the
	 * coordinator stored it.
	 * @return the gid
	 * @throws DtmFailure with {@code waitResult()}, when the saga ran and was rolled back
	 * ({@code saga <gid> failed: <rollback reason>})
	 * @throws DtmOngoing with {@code waitResult()}, when the saga is still running
	 * @throws DtmCoordinatorErrorException with {@code waitResult()}, when a branch
	 * failed with an error: the coordinator keeps retrying it, use
	 * {@link DtmOperations#query(String)} for the outcome; never re-submitted
	 * @throws DtmCoordinatorUnavailableException when the coordinator cannot be reached
	 */
	public String submit() {
		this.template.client().send("submit", toRequest());
		return this.gid;
	}

	private void checkStep(int index) {
		if (index < 0 || index >= this.steps.size()) {
			throw new DtmRequestException(this.gid,
					"saga order names step " + index + " but the saga has steps 0.." + (this.steps.size() - 1));
		}
	}

	private String customData() {
		if (!this.concurrent) {
			return null;
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("concurrent", true);
		Map<String, List<Integer>> byName = new LinkedHashMap<>();
		this.orders.forEach((step, after) -> byName.put(String.valueOf(step), after));
		data.put("orders", byName);
		return CoordinatorClient.write(data);
	}

}
