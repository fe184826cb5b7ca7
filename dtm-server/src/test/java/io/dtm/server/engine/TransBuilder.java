package io.dtm.server.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtm.core.TransRequest;

/**
 * A transaction as a client would send it, for {@link EngineHarness}: step {@code n} of a
 * saga has the action {@code http://p/An} and the compensation {@code http://p/Cn}; step
 * {@code n} of a msg the action {@code http://p/An}. Tcc and xa branches are registered
 * separately.
 */
public final class TransBuilder {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final Map<String, Object> body = new LinkedHashMap<>();

	private final List<Map<String, String>> steps = new ArrayList<>();

	private final Map<String, Object> customData = new LinkedHashMap<>();

	private TransBuilder(String gid, String type) {
		this.body.put("gid", gid);
		this.body.put("trans_type", type);
	}

	public static TransBuilder saga(String gid) {
		return new TransBuilder(gid, "saga");
	}

	public static TransBuilder msg(String gid) {
		return new TransBuilder(gid, "msg").queryPrepared("/Q");
	}

	public static TransBuilder tcc(String gid) {
		return new TransBuilder(gid, "tcc");
	}

	public static TransBuilder xa(String gid) {
		return new TransBuilder(gid, "xa");
	}

	/**
	 * Add steps up to {@code count} in all.
	 * @param count how many steps the transaction has
	 * @return this
	 */
	public TransBuilder steps(int count) {
		boolean saga = "saga".equals(this.body.get("trans_type"));
		for (int n = this.steps.size() + 1; n <= count; n++) {
			Map<String, String> step = new LinkedHashMap<>();
			step.put("action", "http://p/A" + n);
			if (saga) {
				step.put("compensate", "http://p/C" + n);
			}
			this.steps.add(step);
		}
		return this;
	}

	public TransBuilder queryPrepared(String path) {
		this.body.put("query_prepared", "http://p" + path);
		return this;
	}

	/**
	 * Drop {@code query_prepared} (dtm stores a msg without one).
	 * @return this
	 */
	public TransBuilder withoutQueryPrepared() {
		this.body.remove("query_prepared");
		return this;
	}

	public TransBuilder waitResult() {
		this.body.put("wait_result", true);
		return this;
	}

	public TransBuilder retryInterval(long seconds) {
		this.body.put("retry_interval", seconds);
		return this;
	}

	public TransBuilder timeoutToFail(long seconds) {
		this.body.put("timeout_to_fail", seconds);
		return this;
	}

	public TransBuilder retryLimit(long limit) {
		this.body.put("retry_limit", limit);
		return this;
	}

	public TransBuilder requestTimeout(long seconds) {
		this.body.put("request_timeout", seconds);
		return this;
	}

	/**
	 * A msg whose steps are called all at once.
	 * @return this
	 */
	public TransBuilder concurrentMsg() {
		this.body.put("concurrent", true);
		return this;
	}

	/**
	 * A concurrent saga; {@code orders} maps a step (from 0) to the steps it waits for.
	 * @param orders the dependencies
	 * @return this
	 */
	public TransBuilder concurrentSaga(Map<Integer, List<Integer>> orders) {
		this.customData.put("concurrent", true);
		Map<String, List<Integer>> wire = new LinkedHashMap<>();
		orders.forEach((step, before) -> wire.put(String.valueOf(step), before));
		this.customData.put("orders", wire);
		return this;
	}

	/**
	 * A msg delivered {@code seconds} after its creation.
	 * @param seconds the delay
	 * @return this
	 */
	public TransBuilder delay(long seconds) {
		this.customData.put("delay", seconds);
		return this;
	}

	/**
	 * The request as the API would read it.
	 * @return the request
	 */
	public TransRequest request() {
		Map<String, Object> wire = new LinkedHashMap<>(this.body);
		if (!this.steps.isEmpty()) {
			wire.put("steps", this.steps);
			wire.put("payloads", this.steps.stream().map((s) -> "{}").toList());
		}
		if (!this.customData.isEmpty()) {
			try {
				wire.put("custom_data", MAPPER.writeValueAsString(this.customData));
			}
			catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return MAPPER.convertValue(wire, TransRequest.class);
	}

}
