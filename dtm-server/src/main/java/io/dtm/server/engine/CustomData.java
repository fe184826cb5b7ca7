package io.dtm.server.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parts of {@code custom_data} the engine reads: saga {@code concurrent} and
 * {@code orders} (0-based step index to the indexes it waits for) and msg {@code delay}
 * in seconds.
 *
 * @param concurrent whether saga steps run concurrently
 * @param orders prerequisites per step index
 * @param delaySeconds msg delivery delay
 */
public record CustomData(boolean concurrent, Map<Integer, List<Integer>> orders, long delaySeconds) {

	/** No custom data. */
	public static final CustomData NONE = new CustomData(false, Map.of(), 0);

	/**
	 * Parse custom data text.
	 * @param mapper the JSON mapper
	 * @param json the text; empty means none
	 * @return the parsed data
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static CustomData parse(ObjectMapper mapper, String json) {
		if (json == null || json.isBlank()) {
			return NONE;
		}
		JsonNode root;
		try {
			root = mapper.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("custom_data is not valid JSON: " + ex.getOriginalMessage());
		}
		if (!root.isObject()) {
			throw new IllegalArgumentException("custom_data must be a JSON object");
		}
		JsonNode concurrent = root.path("concurrent");
		if (!concurrent.isMissingNode() && !concurrent.isBoolean()) {
			throw new IllegalArgumentException("custom_data.concurrent must be a boolean");
		}
		JsonNode delay = root.path("delay");
		if (!delay.isMissingNode() && (!delay.canConvertToLong() || delay.asLong() < 0)) {
			throw new IllegalArgumentException("custom_data.delay must be a non-negative number of seconds");
		}
		return new CustomData(concurrent.asBoolean(false), parseOrders(root.path("orders")),
				delay.isMissingNode() ? 0 : delay.asLong());
	}

	private static Map<Integer, List<Integer>> parseOrders(JsonNode orders) {
		if (orders.isMissingNode() || orders.isNull()) {
			return Map.of();
		}
		if (!orders.isObject()) {
			throw new IllegalArgumentException("custom_data.orders must be an object of step index to index list");
		}
		Map<Integer, List<Integer>> result = new HashMap<>();
		for (Map.Entry<String, JsonNode> entry : orders.properties()) {
			int step = parseIndex(entry.getKey());
			if (!entry.getValue().isArray()) {
				throw new IllegalArgumentException("custom_data.orders['" + entry.getKey() + "'] must be a list");
			}
			List<Integer> prerequisites = new ArrayList<>();
			for (JsonNode value : entry.getValue()) {
				if (!value.canConvertToInt() || !value.isIntegralNumber()) {
					throw new IllegalArgumentException(
							"custom_data.orders['" + entry.getKey() + "'] must hold step indexes");
				}
				prerequisites.add(value.asInt());
			}
			result.put(step, List.copyOf(prerequisites));
		}
		return Map.copyOf(result);
	}

	private static int parseIndex(String key) {
		try {
			return Integer.parseInt(key);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("custom_data.orders key '" + key + "' is not a step index");
		}
	}

	/**
	 * Check the orders against a saga of {@code steps} steps: indexes in range, no step
	 * waiting for itself, no cycle.
	 * @param steps number of steps
	 * @throws IllegalArgumentException naming the problem
	 */
	public void validateOrders(int steps) {
		for (Map.Entry<Integer, List<Integer>> entry : this.orders.entrySet()) {
			checkIndex(entry.getKey(), steps);
			for (int prerequisite : entry.getValue()) {
				checkIndex(prerequisite, steps);
				if (prerequisite == entry.getKey()) {
					throw new IllegalArgumentException(
							"custom_data.orders: step " + prerequisite + " waits for itself");
				}
			}
		}
		int[] state = new int[steps];
		for (int i = 0; i < steps; i++) {
			visit(i, state);
		}
	}

	private void visit(int step, int[] state) {
		if (state[step] == 2) {
			return;
		}
		if (state[step] == 1) {
			throw new IllegalArgumentException("custom_data.orders contains a cycle through step " + step);
		}
		state[step] = 1;
		for (int prerequisite : this.orders.getOrDefault(step, List.of())) {
			visit(prerequisite, state);
		}
		state[step] = 2;
	}

	private static void checkIndex(int index, int steps) {
		if (index < 0 || index >= steps) {
			throw new IllegalArgumentException(
					"custom_data.orders refers to step " + index + " but the saga has " + steps + " steps");
		}
	}

}
